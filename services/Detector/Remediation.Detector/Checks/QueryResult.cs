namespace Remediation.Detector.Checks;

/// <summary>What one PromQL instant query returned: the sample values (none: no data), or why it failed.</summary>
public sealed record QueryResult(IReadOnlyList<double> Values, string? Error = null)
{
    public bool Failed => Error is not null;

    public static QueryResult Fail(string error) => new([], error);
}
