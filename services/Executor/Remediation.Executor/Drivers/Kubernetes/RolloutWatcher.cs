using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>Waits for a Deployment's rollout to finish (see <see cref="RolloutStatus"/>), within a timeout.</summary>
internal sealed class RolloutWatcher(KubernetesOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Returns when the rollout is done. Fails with <c>progress-deadline</c>, <c>rollout-timeout</c>, <c>paused</c>, or
    /// <c>superseded</c> when <paramref name="expectedTemplate"/> is given and the template changes under us.
    /// </summary>
    public async Task<DateTimeOffset> WaitAsync(
        KubernetesClient client, KubernetesTarget target, JsonObject? expectedTemplate, TimeSpan timeout, bool refusePaused, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var last = "not observed yet";
        while (true)
        {
            Deployment? deployment = null;
            try
            {
                deployment = await client.GetDeploymentAsync(target.Namespace, target.Deployment, cancellationToken);
            }
            catch (Exception ex) when (ex is KubernetesApiException { IsTransient: true } or HttpRequestException ||
                                       (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The rollout goes on whether or not we can see it: keep looking until the deadline.
                logger.LogWarning("Cannot read Deployment {Target} while waiting for its rollout: {Error}", target, ex.Message);
                last = $"the API did not answer: {ex.Message}";
            }

            if (deployment is not null)
            {
                if (expectedTemplate is not null && !PodTemplates.EqualIgnoringHash(deployment.Spec.Template, expectedTemplate))
                {
                    throw new ExecutorFailureException(FailureCodes.Superseded,
                        $"Deployment {target}'s template was changed by someone else while its rollout was awaited; not acting again.");
                }

                var status = RolloutStatus.Of(deployment);
                if (status.Failed)
                    throw new ExecutorFailureException(FailureCodes.ProgressDeadline, $"Deployment {target}: {status.Message}");
                if (status.Done)
                    return time.GetUtcNow();
                if (refusePaused && deployment.Spec.Paused)
                    throw new ExecutorFailureException(FailureCodes.Paused, $"Deployment {target} was paused during its rollout ({status.Message}).");
                last = status.Message;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ExecutorFailureException(FailureCodes.RolloutTimeout,
                    $"Deployment {target}'s rollout did not finish within {Remediation.Policy.Duration.Format(timeout)}: {last}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }
}
