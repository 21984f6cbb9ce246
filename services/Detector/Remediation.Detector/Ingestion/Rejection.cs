namespace Remediation.Detector.Ingestion;

/// <summary>Why a request is refused: the HTTP status, a stable code a sender can act on, and a detail a person can read.</summary>
public sealed record Rejection(int Status, string Code, string Detail)
{
    public static Rejection BadRequest(string code, string detail) => new(400, code, detail);
}
