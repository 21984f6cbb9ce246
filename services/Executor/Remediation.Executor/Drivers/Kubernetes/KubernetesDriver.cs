using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>The <c>kubernetes</c> driver: Deployment rollback, rollout restart and scale over the executor's own API client.</summary>
internal sealed class KubernetesDriver(IKubernetesClientFactory clients, IOptions<ExecutorOptions> options, TimeProvider time, ILogger<KubernetesDriver> logger)
    : IExecutorDriver
{
    public string Name => "kubernetes";

    public Task<RollbackResult> RollbackAsync(RollbackOrder order, CancellationToken cancellationToken) =>
        new KubernetesRollback(clients, options.Value.Kubernetes, time, logger).RunAsync(order, cancellationToken);

    public Task<RemediationResult> RemediateAsync(RemediationOrder order, CancellationToken cancellationToken)
    {
        var runbook = new KubernetesRunbook(clients, options.Value.Kubernetes, time, logger);
        return order.Request.Action switch
        {
            "restart" => runbook.RestartAsync(order, cancellationToken),
            "scale" => runbook.ScaleAsync(order, cancellationToken),
            var action => throw new ExecutorFailureException(FailureCodes.UnsupportedAction, $"The kubernetes driver does not offer '{action}' (it offers restart and scale)."),
        };
    }

    internal static async Task<Deployment> GetDeploymentAsync(KubernetesClient client, KubernetesTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetDeploymentAsync(target.Namespace, target.Deployment, cancellationToken);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            throw new ExecutorFailureException(FailureCodes.NotFound, $"Deployment {target} does not exist ({client.Connection.Description}): {ex.Message}");
        }
    }
}
