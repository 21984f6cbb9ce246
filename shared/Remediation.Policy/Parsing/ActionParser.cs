using Remediation.Contracts.Signals;
using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>The <c>rollback:</c>, <c>runbook:</c> and <c>notify:</c> sections: when and how to act, and whom to tell.</summary>
internal static class ActionParser
{
    public static RollbackPolicy ParseRollback(YamlSection rollback)
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

    public static RunbookPolicy ParseRunbook(YamlSection runbook)
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

    public static NotifyPolicy ParseNotify(YamlSection notify)
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
}
