namespace Remediation.Standalone.Demo;

/// <summary>How one version of the simulated shop behaves: how often it fails and how slow it is.</summary>
internal sealed record ShopVersion(string Name, double ErrorRatio, int MinLatencyMs, int MaxLatencyMs)
{
    public static readonly IReadOnlyDictionary<string, ShopVersion> All = new Dictionary<string, ShopVersion>(StringComparer.Ordinal)
    {
        ["v1"] = new("v1", 0.005, 5, 40),
        ["v2"] = new("v2", 0.30, 300, 900),
    };
}
