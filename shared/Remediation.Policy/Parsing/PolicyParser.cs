using Remediation.Contracts.Signals;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>
/// Reads a policy file (YAML) into a <see cref="PolicyDocument"/>. Every problem — unknown keys, bad durations,
/// missing targets, out-of-range numbers, duplicate services — is reported at once with its file, line and reason.
/// </summary>
public static class PolicyParser
{
    private static readonly Dictionary<string, string[]> DriverKeys = new(StringComparer.Ordinal)
    {
        ["kubernetes"] = ["namespace", "deployment", "context", "container", "progress_deadline", "max_replicas"],
        ["haproxy"] = ["backend", "mode", "runtime", "stable", "canary", "failover_to"],
        ["webhook"] = ["url", "method", "template", "credential", "timeout"],
        ["none"] = [],
    };

    private static readonly Dictionary<string, string[]> DriverRequired = new(StringComparer.Ordinal)
    {
        ["kubernetes"] = ["namespace", "deployment"],
        ["haproxy"] = ["backend"],
        ["webhook"] = ["url"],
        ["none"] = [],
    };

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

        var target = ParseTarget(section.Section("target", defaults.Section("target")), section);
        var detection = ParseDetection(section.Section("detection", defaults.Section("detection")));
        var rollback = ParseRollback(section.Section("rollback", defaults.Section("rollback")));
        var runbook = ParseRunbook(section.Section("runbook", defaults.Section("runbook")));
        var notify = ParseNotify(section.Section("notify", defaults.Section("notify")));
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

    private static TargetPolicy? ParseTarget(YamlSection target, YamlSection service)
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

    private static DetectionPolicy ParseDetection(YamlSection detection)
    {
        var defaults = new DetectionPolicy();
        var thresholds = new Dictionary<string, ThresholdPolicy>(StringComparer.Ordinal);
        foreach (var (signal, node, path) in detection.Entries("thresholds"))
        {
            if (ParseThreshold(detection, signal, node, path) is { } threshold)
                thresholds[signal] = threshold;
        }

        var checks = new List<HealthCheckPolicy>();
        if (detection.Sequence("checks", out var checksPath) is { } list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                var path = $"{checksPath}[{i}]";
                if (list.Children[i] is not YamlMappingNode mapping)
                {
                    detection.Error(list.Children[i], path, "expected a mapping with signal and query");
                    continue;
                }

                var check = detection.Nested(mapping, path);
                var signal = check.String("signal", required: true);
                var query = check.String("query", required: true);
                ThresholdPolicy? threshold = null;
                if (check.Has("threshold") && signal is not null)
                    threshold = ParseThreshold(check, signal, mapping.Children[new YamlScalarNode("threshold")], check.Child("threshold"));
                var interval = check.Duration("interval", TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
                var noData = check.Enum("no_data", NoDataPolicy.Inconclusive);
                var consecutive = check.Int("consecutive_breaches", 1, 1, 100);
                check.RejectUnknownKeys();
                if (signal is not null && query is not null)
                {
                    if (threshold is null && !thresholds.ContainsKey(signal))
                        check.Error(mapping, check.Child("threshold"), $"is required: '{signal}' has no threshold in detection.thresholds");
                    checks.Add(new HealthCheckPolicy
                    {
                        Signal = signal, Query = query, Interval = interval, Threshold = threshold, NoData = noData, ConsecutiveBreaches = consecutive,
                    });
                }
            }
        }

        var result = new DetectionPolicy
        {
            Quorum = detection.Int("quorum", defaults.Quorum, 1, 20),
            Thresholds = thresholds,
            FlapSuppression = detection.Duration("flap_suppression", defaults.FlapSuppression),
            ConsecutiveBreaches = detection.Int("consecutive_breaches", defaults.ConsecutiveBreaches, 1, 100),
            Checks = checks,
        };
        detection.RejectUnknownKeys();
        return result;
    }

    private static ThresholdPolicy? ParseThreshold(YamlSection owner, string signal, YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return owner.Double(node, path) is { } value ? new ThresholdPolicy(value, ThresholdPolicy.DefaultDirectionFor(signal)) : null;
        }

        if (node is YamlMappingNode mapping && mapping.Children.Count == 1 &&
            mapping.Children.First().Key is YamlScalarNode { Value: "above" or "below" } key)
        {
            var direction = key.Value == "above" ? SignalDirection.Above : SignalDirection.Below;
            return owner.Double(mapping.Children.First().Value, $"{path}.{key.Value}") is { } value ? new ThresholdPolicy(value, direction) : null;
        }

        owner.Error(node, path, "expected a number, or { above: n } or { below: n }");
        return null;
    }

    private static RollbackPolicy ParseRollback(YamlSection rollback)
    {
        var d = new RollbackPolicy();
        var result = new RollbackPolicy
        {
            Window = rollback.Duration("window", d.Window, TimeSpan.Zero),
            Cooldown = rollback.Duration("cooldown", d.Cooldown),
            VerifyFor = rollback.Duration("verify_for", d.VerifyFor, TimeSpan.FromMilliseconds(10)),
            MaxDepth = rollback.Int("max_depth", d.MaxDepth, 0, 20),
            Approval = rollback.Enum("approval", d.Approval),
            ApprovalTimeout = rollback.Duration("approval_timeout", d.ApprovalTimeout, TimeSpan.FromMilliseconds(10)),
            ExecutorTimeout = rollback.Duration("executor_timeout", d.ExecutorTimeout, TimeSpan.FromMilliseconds(10)),
        };
        rollback.RejectUnknownKeys();
        return result;
    }

    private static RunbookPolicy ParseRunbook(YamlSection runbook)
    {
        var steps = new List<RunbookStep>();
        if (runbook.Sequence("steps", out var stepsPath) is { } list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                var path = $"{stepsPath}[{i}]";
                var node = list.Children[i];
                if (node is YamlScalarNode { Value: { } bare })
                {
                    AddStep(runbook, steps, bare, new Dictionary<string, string>(), node, path);
                    continue;
                }

                if (node is not YamlMappingNode mapping)
                {
                    runbook.Error(node, path, "expected an action name or a mapping with 'action'");
                    continue;
                }

                string? action = null;
                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in mapping.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? "";
                    if (v is not YamlScalarNode { Value: { } value })
                    {
                        runbook.Error(v, $"{path}.{key}", "expected a scalar");
                        continue;
                    }

                    if (key == "action")
                        action = value;
                    else
                        parameters[key] = value;
                }

                if (action is null)
                    runbook.Error(mapping, $"{path}.action", "is required (restart, scale, failover or notify)");
                else
                    AddStep(runbook, steps, action, parameters, mapping, path);
            }
        }

        var result = new RunbookPolicy { Steps = steps, Settle = runbook.Duration("settle", new RunbookPolicy().Settle, TimeSpan.FromMilliseconds(10)) };
        runbook.RejectUnknownKeys();
        return result;
    }

    private static void AddStep(YamlSection runbook, List<RunbookStep> steps, string action, Dictionary<string, string> parameters, YamlNode node, string path)
    {
        if (!RunbookStep.KnownActions.Contains(action))
        {
            runbook.Error(node, path, $"'{action}' is not an action (restart, scale, failover, notify)");
            return;
        }

        string[] numeric = ["replicas", "factor", "min", "max"];
        foreach (var key in parameters.Keys)
        {
            var allowed = action switch
            {
                "scale" => numeric,
                "failover" => ["to"],
                "notify" => ["channel", "message"],
                _ => Array.Empty<string>(),
            };
            if (!allowed.Contains(key))
                runbook.Error(node, $"{path}.{key}", $"unknown parameter for {action} (expected one of: {string.Join(", ", allowed)})");
            else if (numeric.Contains(key) && !double.TryParse(parameters[key], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                runbook.Error(node, $"{path}.{key}", $"'{parameters[key]}' is not a number");
        }

        if (action == "scale" && !parameters.ContainsKey("replicas") && !parameters.ContainsKey("factor"))
            runbook.Error(node, path, "scale needs 'replicas' or 'factor'");

        steps.Add(new RunbookStep { Action = action, Parameters = parameters });
    }

    private static NotifyPolicy ParseNotify(YamlSection notify)
    {
        var routes = new Dictionary<Severity, IReadOnlyList<string>>();
        foreach (var severity in Enum.GetValues<Severity>())
        {
            if (notify.Strings(severity.ToString().ToLowerInvariant()) is { } channels)
                routes[severity] = channels;
        }

        notify.RejectUnknownKeys();
        return new NotifyPolicy { Routes = routes };
    }

    private static void ValidateDefaults(YamlSection defaults)
    {
        // Sections under defaults are read through each service; read them once more on their own so that a
        // policy with no services still reports its bad defaults, and unknown keys under defaults are caught.
        _ = ParseDetection(defaults.Section("detection"));
        _ = ParseRollback(defaults.Section("rollback"));
        _ = ParseRunbook(defaults.Section("runbook"));
        _ = ParseNotify(defaults.Section("notify"));
        var target = defaults.Section("target");
        if (target.String("driver") is { } driver && !DriverKeys.ContainsKey(driver.ToLowerInvariant()))
            target.Error(target.Node, target.Child("driver"), $"'{driver}' is not a driver (kubernetes, haproxy, webhook, none)");
        target.RejectUnknownKeys([.. DriverKeys.Values.SelectMany(k => k), "versions"]);
        defaults.RejectUnknownKeys("environment");
    }
}
