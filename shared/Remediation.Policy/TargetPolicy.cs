namespace Remediation.Policy;

/// <summary>How the executor acts on a service: the driver and its settings.</summary>
public sealed record TargetPolicy
{
    /// <summary><c>kubernetes</c>, <c>haproxy</c>, <c>webhook</c> or <c>none</c> (decide and notify only).</summary>
    public required string Driver { get; init; }

    /// <summary>The driver's scalar settings (namespace, deployment, backend, endpoint, mode, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>For traffic-switch drivers: which server (or colour) serves which version.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    public string? Get(string key) => Settings.TryGetValue(key, out var value) ? value : null;

    public string Require(string key) =>
        Get(key) ?? throw new InvalidOperationException($"The {Driver} target has no '{key}' setting.");
}
