using System.Text.Json.Serialization;

namespace Remediation.Contracts.Signals;

/// <summary>How bad an anomaly or incident is; routes notifications. Serialized as its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth telling a team in chat.</summary>
    Minor = 0,

    /// <summary>Worth a ticket and the team's attention now.</summary>
    Major = 1,

    /// <summary>Worth paging a human and updating the status page.</summary>
    Critical = 2,
}
