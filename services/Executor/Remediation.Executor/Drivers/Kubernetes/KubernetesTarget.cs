using Remediation.Policy;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>A policy's kubernetes target: which Deployment, in which namespace, through which kubeconfig context.</summary>
public sealed record KubernetesTarget(string Namespace, string Deployment, string? Context, string? Container)
{
    public static KubernetesTarget From(ServicePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new KubernetesTarget(
            TargetSettings.Require(policy, "namespace"),
            TargetSettings.Require(policy, "deployment"),
            policy.Target.Get("context"),
            policy.Target.Get("container"));
    }

    public override string ToString() => $"{Namespace}/{Deployment}";
}
