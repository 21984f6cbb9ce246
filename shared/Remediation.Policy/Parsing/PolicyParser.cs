using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>
/// Reads a policy file (YAML) into a <see cref="PolicyDocument"/>. Every problem — unknown keys, bad durations,
/// missing targets, out-of-range numbers, duplicate services — is reported at once with its file, line and reason.
/// </summary>
public static class PolicyParser
{
    public static PolicyDocument ParseFile(string path)
    {
        var text = File.ReadAllText(path);
        return Parse(text, path);
    }

    public static PolicyDocument Parse(string text, string file)
    {
        var errors = new PolicyErrors(file);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new PolicyValidationException([new PolicyError(file, (int)ex.Start.Line, (int)ex.Start.Column, "(yaml)", ex.InnerException?.Message ?? ex.Message)]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, "(root)", "expected a mapping with 'services:' (and optionally 'defaults:')");
            throw new PolicyValidationException(errors.All);
        }

        var top = new YamlSection(root, "", errors);
        var defaults = top.Section("defaults");
        var services = new List<ServicePolicy>();
        var seen = new Dictionary<ServiceKey, string>();

        var list = top.Sequence("services", out var servicesPath);
        if (list is null)
        {
            if (!top.Has("services"))
                errors.Add(root, "services", "is required (a list of services)");
        }
        else
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                var node = list.Children[i];
                var path = $"{servicesPath}[{i}]";
                if (node is not YamlMappingNode mapping)
                {
                    errors.Add(node, path, "expected a mapping with name, environment and target");
                    continue;
                }

                var service = ParseService(new YamlSection(mapping, path, errors), defaults, errors);
                if (service is null)
                    continue;

                if (seen.TryGetValue(service.Key, out var firstAt))
                    errors.Add(mapping, path, $"{service.Key} is already defined at {firstAt}");
                else
                {
                    seen[service.Key] = $"line {mapping.Start.Line}";
                    services.Add(service);
                }
            }
        }

        ValidateDefaults(defaults);
        top.RejectUnknownKeys();
        if (errors.Any)
            throw new PolicyValidationException(errors.All);

        return new PolicyDocument(services, file);
    }

    private static ServicePolicy? ParseService(YamlSection section, YamlSection defaults, PolicyErrors errors)
    {
        var name = section.String("name", required: true);
        var environment = section.String("environment") ?? defaults.String("environment");
        if (environment is null)
            section.Error(section.Node, section.Child("environment"), "is required (here or in defaults)");

        var target = TargetParser.ParseTarget(section.Section("target", defaults.Section("target")), section);
        var detection = DetectionParser.ParseDetection(section.Section("detection", defaults.Section("detection")));
        var rollback = ActionParser.ParseRollback(section.Section("rollback", defaults.Section("rollback")));
        var runbook = ActionParser.ParseRunbook(section.Section("runbook", defaults.Section("runbook")));
        var notify = ActionParser.ParseNotify(section.Section("notify", defaults.Section("notify")));
        section.RejectUnknownKeys();

        if (name is null || environment is null || target is null)
            return null;

        return new ServicePolicy
        {
            Name = name,
            Environment = environment,
            Target = target,
            Detection = detection,
            Rollback = rollback,
            Runbook = runbook,
            Notify = notify,
            SourceLocation = $"{errors.File}:{section.Node?.Start.Line}",
        };
    }

    private static void ValidateDefaults(YamlSection defaults)
    {
        // Sections under defaults are read through each service; read them once more on their own so that a
        // policy with no services still reports its bad defaults, and unknown keys under defaults are caught.
        _ = DetectionParser.ParseDetection(defaults.Section("detection"));
        _ = ActionParser.ParseRollback(defaults.Section("rollback"));
        _ = ActionParser.ParseRunbook(defaults.Section("runbook"));
        _ = ActionParser.ParseNotify(defaults.Section("notify"));
        var target = defaults.Section("target");
        if (target.String("driver") is { } driver && !TargetParser.DriverKeys.ContainsKey(driver.ToLowerInvariant()))
            target.Error(target.Node, target.Child("driver"), $"'{driver}' is not a driver (kubernetes, haproxy, webhook, none)");
        target.RejectUnknownKeys([.. TargetParser.DriverKeys.Values.SelectMany(k => k), "versions"]);
        defaults.RejectUnknownKeys("environment");
    }
}
