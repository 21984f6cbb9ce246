namespace Remediation.Executor.Kubernetes;

/// <summary>Clients by kubeconfig context (a policy target may name its own; null means the configured default).</summary>
public interface IKubernetesClientFactory
{
    KubernetesClient For(string? context);
}
