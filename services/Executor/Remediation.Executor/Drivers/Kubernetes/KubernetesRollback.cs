using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>
/// <c>kubectl rollout undo --to-revision</c>, made safe. Each round reads the Deployment and its ReplicaSets and decides:
/// already on the target's template → wait for it to be healthy and report (AlreadyAtTarget unless this request made the
/// change); paused → refuse; changed by someone else after this request acted → refuse; otherwise patch the template back
/// with a resourceVersion precondition and this request's annotations. A conflict or an unclear answer to the patch starts a
/// new round: the patch is never sent again without looking first, so two executors racing produce one change.
/// </summary>
internal sealed class KubernetesRollback(IKubernetesClientFactory clients, KubernetesOptions options, TimeProvider time, ILogger logger)
{
    private const int MaxReasonLength = 1024;

    public async Task<RollbackResult> RunAsync(RollbackOrder order, CancellationToken cancellationToken)
    {
        var request = order.Request;
        var target = KubernetesTarget.From(order.Policy);
        var client = clients.For(target.Context);
        var timeout = TargetSettings.Timeout(order.Policy, "progress_deadline", options.RolloutTimeout);
        var watcher = new RolloutWatcher(options, time, logger);
        var requestId = request.RequestId.ToString();

        for (var round = 1; ; round++)
        {
            var deployment = await KubernetesDriver.GetDeploymentAsync(client, target, cancellationToken);
            var replicaSets = await client.ListOwnedReplicaSetsAsync(deployment, cancellationToken);
            var running = PodTemplates.Version(deployment.Spec.Template, target.Container) ?? request.FromVersion;
            var goal = RevisionFinder.Find(replicaSets, request, target.Container, out var wanted);
            if (goal is null)
            {
                var known = string.Join(", ", replicaSets.Select(rs => rs.Revision).Order());
                throw new ExecutorFailureException(FailureCodes.RevisionPruned,
                    $"Deployment {target} has no ReplicaSet of {wanted} any more (revisions kept: {(known.Length == 0 ? "none" : known)}): " +
                    "it was pruned by revisionHistoryLimit or never existed. Nothing was changed.", running);
            }

            var actedBefore = deployment.Metadata.Annotation(KubernetesNames.RequestIdAnnotation) == requestId;
            if (deployment.Spec.Paused)
            {
                throw new ExecutorFailureException(FailureCodes.Paused,
                    $"Deployment {target} is paused; the executor does not roll back a paused Deployment (resume it first).", running);
            }

            var details = $"Deployment {target}: revision {deployment.Revision} ({running}) → template of {wanted} " +
                          $"(ReplicaSet {goal.Metadata.Name}, {PodTemplates.Image(goal.Spec.Template, target.Container)})";
            if (PodTemplates.EqualIgnoringHash(deployment.Spec.Template, goal.Spec.Template))
            {
                // Already there: made so by an earlier attempt of this request (resume by observation), or by someone else.
                var from = actedBefore ? deployment.Metadata.Annotation(KubernetesNames.RolledBackFromAnnotation) ?? request.FromVersion : running;
                var observedAt = time.GetUtcNow();
                var healthyAt = await watcher.WaitAsync(client, target, goal.Spec.Template, timeout, refusePaused: true, cancellationToken);
                var changedAt = actedBefore ? order.Attempt.PreviouslyActedAt ?? observedAt : observedAt;
                logger.LogInformation("Deployment {Target} already runs {Wanted}{Who}", target, wanted, actedBefore ? " (rolled back by an earlier attempt of this request)" : "");
                return new RollbackResult(from, request.ToVersion, AlreadyAtTarget: !actedBefore,
                    actedBefore ? $"{details}; the change of an earlier attempt was found in place and its rollout awaited" : $"{details}; already running it, nothing changed",
                    healthyAt - changedAt);
            }

            if (actedBefore)
            {
                throw new ExecutorFailureException(FailureCodes.Superseded,
                    $"Deployment {target} was rolled back by this request earlier and has been changed since (it now runs {running}); not acting again.", running);
            }

            var patch = Patch(deployment, goal, request, running);
            await order.Attempt.MarkActingAsync(cancellationToken);
            Deployment patched;
            try
            {
                patched = await client.PatchDeploymentAsync(target.Namespace, target.Deployment, patch, KubernetesClient.MergePatch, cancellationToken);
            }
            catch (Exception ex) when (IsRetryableWriteFailure(ex, cancellationToken))
            {
                // A conflict (someone else wrote first) or an answer we did not get: the next round looks again and decides.
                if (round >= options.MaxDecisionRounds)
                {
                    throw new ExecutorFailureException(ex is KubernetesApiException { IsConflict: true } ? FailureCodes.Conflict : FailureCodes.TargetUnavailable,
                        $"Deployment {target}: the rollback patch failed {round} times ({ex.Message}); giving up.", running);
                }

                logger.LogInformation("Rollback patch of {Target} not applied ({Error}); reading it again (round {Round})", target, ex.Message, round);
                await Task.Delay(options.RetryDelay * round, time, cancellationToken);
                continue;
            }

            var patchedAt = time.GetUtcNow();
            logger.LogInformation("Patched Deployment {Target} back to {Wanted} (generation {Generation}); waiting for its rollout",
                target, wanted, patched.Metadata.Generation);
            var completedAt = await watcher.WaitAsync(client, target, goal.Spec.Template, timeout, refusePaused: true, cancellationToken);
            return new RollbackResult(running, request.ToVersion, AlreadyAtTarget: false, details, completedAt - patchedAt);
        }
    }

    internal static bool IsRetryableWriteFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is KubernetesApiException { IsConflict: true } or KubernetesApiException { IsTransient: true } or HttpRequestException ||
        (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>
    /// A merge patch that sets the template to the target ReplicaSet's exactly (fields it lacks are removed), stamps the
    /// request, and carries the resourceVersion read: the API applies it only if nobody wrote in between (else 409).
    /// </summary>
    private static JsonObject Patch(Deployment deployment, ReplicaSet goal, Contracts.Rollbacks.RollbackRequested request, string running)
    {
        var reason = request.Reason.Length > MaxReasonLength ? request.Reason[..MaxReasonLength] : request.Reason;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = deployment.Metadata.ResourceVersion,
                ["annotations"] = new JsonObject
                {
                    [KubernetesNames.RequestIdAnnotation] = request.RequestId.ToString(),
                    [KubernetesNames.ReasonAnnotation] = reason,
                    [KubernetesNames.RolledBackFromAnnotation] = running,
                    [KubernetesNames.ChangeCauseAnnotation] =
                        $"remediation: rolled back from {running} (revision {deployment.Revision}) to {request.ToVersion} (revision {goal.Revision}), request {request.RequestId}",
                },
            },
            ["spec"] = new JsonObject
            {
                ["template"] = PodTemplates.MergeDiff(PodTemplates.WithoutHash(deployment.Spec.Template), PodTemplates.WithoutHash(goal.Spec.Template)),
            },
        };
    }
}
