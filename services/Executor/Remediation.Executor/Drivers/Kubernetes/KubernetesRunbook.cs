using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>
/// Runbook actions on a Deployment: <c>restart</c> (what <c>kubectl rollout restart</c> does: a new restartedAt annotation
/// on the pod template) and <c>scale</c> (to a count, or by a factor, within [min, max]). Each patch carries the request id
/// and a resourceVersion precondition; a resumed request that finds its own id on the Deployment only waits.
/// </summary>
internal sealed class KubernetesRunbook(IKubernetesClientFactory clients, KubernetesOptions options, TimeProvider time, ILogger logger)
{
    public Task<RemediationResult> RestartAsync(RemediationOrder order, CancellationToken cancellationToken) =>
        RunAsync(order, refusePaused: true, (deployment, target) =>
        {
            var at = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var spec = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [KubernetesNames.RestartedAtAnnotation] = at } },
                },
            };
            return (spec, $"Deployment {target} restarted (restartedAt {at})");
        }, cancellationToken);

    public Task<RemediationResult> ScaleAsync(RemediationOrder order, CancellationToken cancellationToken)
    {
        var parameters = order.Request.Parameters;
        var min = Math.Max(1, Number(parameters, "min") is { } m ? (int)Math.Ceiling(m) : 1);
        var max = Number(parameters, "max") is { } x ? (int)Math.Floor(x)
            : order.Policy.Target.Get("max_replicas") is { } limit && int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l
            : options.MaxReplicas;
        if (max < min)
            throw new ExecutorFailureException(FailureCodes.Configuration, $"scale: the maximum ({max}) is below the minimum ({min}).");
        var replicas = Number(parameters, "replicas");
        var factor = Number(parameters, "factor");
        if (replicas is null && factor is not > 0)
            throw new ExecutorFailureException(FailureCodes.BadRequest, "scale needs a 'replicas' count or a positive 'factor'.");

        return RunAsync(order, refusePaused: false, (deployment, target) =>
        {
            var current = deployment.Spec.Replicas ?? 1;
            var wanted = replicas is { } count ? (int)Math.Round(count) : (int)Math.Ceiling(current * factor!.Value);
            var bounded = Math.Clamp(wanted, min, max);
            var note = bounded != wanted ? $" ({wanted} asked, kept within {min}..{max})" : "";
            return bounded == current
                ? (null, $"Deployment {target} already has {current} replicas{note}")
                : (new JsonObject { ["replicas"] = bounded }, $"Deployment {target} scaled from {current} to {bounded} replicas{note}");
        }, cancellationToken);
    }

    /// <summary>One decide-patch-wait loop. <paramref name="plan"/> gives the spec patch (null: nothing to do) and the details.</summary>
    private async Task<RemediationResult> RunAsync(
        RemediationOrder order, bool refusePaused, Func<Deployment, KubernetesTarget, (JsonObject? Spec, string Details)> plan, CancellationToken cancellationToken)
    {
        var target = KubernetesTarget.From(order.Policy);
        var client = clients.For(target.Context);
        var timeout = TargetSettings.Timeout(order.Policy, "progress_deadline", options.RolloutTimeout);
        var watcher = new RolloutWatcher(options, time, logger);
        var requestId = order.Request.RequestId.ToString();

        for (var round = 1; ; round++)
        {
            var deployment = await KubernetesDriver.GetDeploymentAsync(client, target, cancellationToken);
            if (deployment.Metadata.Annotation(KubernetesNames.RequestIdAnnotation) == requestId)
            {
                await watcher.WaitAsync(client, target, null, timeout, refusePaused, cancellationToken);
                return new RemediationResult($"Deployment {target}: {order.Request.Action} of an earlier attempt of this request found in place; its rollout finished");
            }

            if (refusePaused && deployment.Spec.Paused)
                throw new ExecutorFailureException(FailureCodes.Paused, $"Deployment {target} is paused; the executor does not {order.Request.Action} a paused Deployment.");

            var (spec, details) = plan(deployment, target);
            if (spec is null)
                return new RemediationResult(details);

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = deployment.Metadata.ResourceVersion,
                    ["annotations"] = new JsonObject
                    {
                        [KubernetesNames.RequestIdAnnotation] = requestId,
                        [KubernetesNames.ReasonAnnotation] = order.Request.Reason,
                    },
                },
                ["spec"] = spec,
            };
            await order.Attempt.MarkActingAsync(cancellationToken);
            try
            {
                await client.PatchDeploymentAsync(target.Namespace, target.Deployment, patch, KubernetesClient.MergePatch, cancellationToken);
            }
            catch (Exception ex) when (KubernetesRollback.IsRetryableWriteFailure(ex, cancellationToken))
            {
                if (round >= options.MaxDecisionRounds)
                    throw new ExecutorFailureException(FailureCodes.Conflict, $"Deployment {target}: the {order.Request.Action} patch failed {round} times ({ex.Message}); giving up.");
                await Task.Delay(options.RetryDelay * round, time, cancellationToken);
                continue;
            }

            await watcher.WaitAsync(client, target, null, timeout, refusePaused, cancellationToken);
            return new RemediationResult(details);
        }
    }

    private static double? Number(IReadOnlyDictionary<string, string> parameters, string key)
    {
        if (!parameters.TryGetValue(key, out var text))
            return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ExecutorFailureException(FailureCodes.BadRequest, $"scale: '{key}' is '{text}', not a number.");
    }
}
