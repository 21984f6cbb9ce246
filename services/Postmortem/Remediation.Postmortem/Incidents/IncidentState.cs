using System.Text.Json.Serialization;

namespace Remediation.Postmortem.Incidents;

/// <summary>Where an incident stands. Serialized as its lower-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentState>))]
public enum IncidentState
{
    /// <summary>Opened; neither resolved nor escalated yet.</summary>
    Open = 0,

    /// <summary>Resolved (verified, cleared, remediated or by hand).</summary>
    Resolved = 1,

    /// <summary>Escalated to humans and not resolved since.</summary>
    Escalated = 2,
}
