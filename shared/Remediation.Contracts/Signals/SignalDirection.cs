using System.Text.Json.Serialization;

namespace Remediation.Contracts.Signals;

/// <summary>Which side of a threshold is a breach. Serialized as its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignalDirection>))]
public enum SignalDirection
{
    /// <summary>A value above the threshold breaches (error rate, latency).</summary>
    Above = 0,

    /// <summary>A value below the threshold breaches (quality score, availability).</summary>
    Below = 1,
}
