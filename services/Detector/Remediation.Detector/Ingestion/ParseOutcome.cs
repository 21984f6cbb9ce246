namespace Remediation.Detector.Ingestion;

/// <summary>What a source parser made of a body: the alerts it carries, or why it is refused.</summary>
public sealed record ParseOutcome(IReadOnlyList<SourceAlert> Alerts, Rejection? Rejection = null, int TruncatedAlerts = 0)
{
    public static ParseOutcome Reject(int status, string code, string detail) => new([], new Rejection(status, code, detail));

    public static ParseOutcome Reject(string code, string detail) => Reject(400, code, detail);
}
