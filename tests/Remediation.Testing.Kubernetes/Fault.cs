namespace Remediation.Testing.Kubernetes;

/// <summary>
/// A fault the test server injects into matching requests: a delay, an error status (answered instead of acting, or after
/// acting when <see cref="AfterApplying"/> — the answer is lost but the change is made), for the first <see cref="Times"/>
/// matches.
/// </summary>
public sealed record Fault
{
    /// <summary>The HTTP method to match (<c>GET</c>, <c>PATCH</c>, ...); null matches every method.</summary>
    public string? Method { get; init; }

    /// <summary>Matches when the request path contains this text.</summary>
    public required string PathContains { get; init; }

    /// <summary>The status to answer with (a Kubernetes <c>Status</c> body); null only delays.</summary>
    public int? StatusCode { get; init; }

    public TimeSpan Delay { get; init; }

    /// <summary>How many matching requests it affects.</summary>
    public int Times { get; init; } = 1;

    /// <summary>Apply the request, then answer with <see cref="StatusCode"/> anyway (a change whose answer was lost).</summary>
    public bool AfterApplying { get; init; }

    public static Fault Status(string method, string pathContains, int statusCode, int times = 1) =>
        new() { Method = method, PathContains = pathContains, StatusCode = statusCode, Times = times };

    public static Fault Slow(string method, string pathContains, TimeSpan delay, int times = 1) =>
        new() { Method = method, PathContains = pathContains, Delay = delay, Times = times };
}
