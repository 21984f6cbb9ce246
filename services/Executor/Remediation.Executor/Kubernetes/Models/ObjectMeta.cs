namespace Remediation.Executor.Kubernetes.Models;

/// <summary>The metadata fields of an object that the executor reads.</summary>
public sealed record ObjectMeta
{
    public string Name { get; init; } = "";

    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public long Generation { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public List<OwnerReference>? OwnerReferences { get; init; }

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;
}
