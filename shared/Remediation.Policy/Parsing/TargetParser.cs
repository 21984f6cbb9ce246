using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>The <c>target:</c> section: the driver and its settings, checked per driver.</summary>
internal static class TargetParser
{
    public static readonly Dictionary<string, string[]> DriverKeys = new(StringComparer.Ordinal)
    {
        ["kubernetes"] = ["namespace", "deployment", "context", "container", "progress_deadline", "max_replicas"],
        ["haproxy"] = ["backend", "mode", "runtime", "stable", "canary", "failover_to"],
        ["webhook"] = ["url", "method", "template", "credential", "timeout"],
        ["none"] = [],
    };

    public static readonly Dictionary<string, string[]> DriverRequired = new(StringComparer.Ordinal)
    {
        ["kubernetes"] = ["namespace", "deployment"],
        ["haproxy"] = ["backend"],
        ["webhook"] = ["url"],
        ["none"] = [],
    };

    public static TargetPolicy? ParseTarget(YamlSection target, YamlSection service)
    {
        var driver = target.String("driver");
        if (driver is null)
        {
            service.Error(service.Node, service.Child("target"), "is required: a mapping with 'driver' (kubernetes, haproxy, webhook or none)");
            target.RejectUnknownKeys([.. DriverKeys.Values.SelectMany(k => k), "versions"]);
            return null;
        }

        driver = driver.ToLowerInvariant();
        if (!DriverKeys.TryGetValue(driver, out var keys))
        {
            target.Error(target.Node, target.Child("driver"), $"'{driver}' is not a driver (kubernetes, haproxy, webhook, none)");
            return null;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (target.String(key) is { } value)
                settings[key] = value;
        }

        foreach (var required in DriverRequired[driver].Where(r => !settings.ContainsKey(r)))
            target.Error(target.Node, target.Child(required), $"is required for the {driver} driver");

        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (version, node, path) in target.Entries("versions"))
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } server })
                versions[version] = server;
            else
                target.Error(node, path, "expected a server name");
        }

        if (driver == "haproxy" && versions.Count == 0)
            target.Error(target.Node, target.Child("versions"), "is required for the haproxy driver (version: server)");
        if (settings.TryGetValue("mode", out var mode) && mode is not ("bluegreen" or "canary"))
            target.Error(target.Node, target.Child("mode"), $"'{mode}' is not a mode (bluegreen, canary)");
        if (settings.TryGetValue("progress_deadline", out var deadline) && !Duration.TryParse(deadline, out _))
            target.Error(target.Node, target.Child("progress_deadline"), $"'{deadline}' is not a duration (use 30s, 5m)");
        if (settings.TryGetValue("timeout", out var timeout) && !Duration.TryParse(timeout, out _))
            target.Error(target.Node, target.Child("timeout"), $"'{timeout}' is not a duration (use 30s, 5m)");
        if (settings.TryGetValue("url", out var url) && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            target.Error(target.Node, target.Child("url"), $"'{url}' is not an absolute http(s) URL");

        target.RejectUnknownKeys();
        return new TargetPolicy { Driver = driver, Settings = settings, Versions = versions };
    }
}
