namespace Remediation.Detector.Options;

/// <summary>Grafana alerting's webhook contact point, optionally HMAC-signed.</summary>
public sealed class GrafanaSourceOptions
{
    /// <summary>
    /// The contact point's HMAC secret. When set, every request must carry a valid signature; from configuration only
    /// (<c>Remediation__Detector__Sources__Grafana__HmacSecret</c>), never committed.
    /// </summary>
    public string? HmacSecret { get; set; }

    /// <summary>The header carrying the hex HMAC-SHA256 (Grafana's default).</summary>
    public string SignatureHeader { get; set; } = "X-Grafana-Alerting-Signature";

    /// <summary>
    /// The timestamp header, when the contact point is configured with one: the signature is then over
    /// <c>timestamp:body</c> and a timestamp outside <see cref="ReplayWindow"/> is refused.
    /// </summary>
    public string? TimestampHeader { get; set; }

    /// <summary>How far a signed timestamp may be from now.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Which query/expression results (the alert's <c>values</c>) hold the observed value, tried in order.</summary>
    public List<string> ValueVariables { get; set; } = ["B", "A"];
}
