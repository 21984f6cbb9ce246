using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>
/// Judges a Deployment's rollout as <c>kubectl rollout status</c> does: the controller has observed the latest generation,
/// every replica is updated, no old replica is left, every updated replica is available; a Progressing condition with
/// reason ProgressDeadlineExceeded is a failure.
/// </summary>
public sealed record RolloutStatus(bool Done, bool Failed, string Message)
{
    public const string DeadlineExceededReason = "ProgressDeadlineExceeded";

    public static RolloutStatus Of(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata.Name;
        var status = deployment.Status;
        if (deployment.Metadata.Generation > status.ObservedGeneration)
            return new(false, false, "waiting for the deployment spec update to be observed");

        if (status.Condition("Progressing") is { Reason: DeadlineExceededReason } condition)
            return new(false, true, $"deployment \"{name}\" exceeded its progress deadline: {condition.Message}");

        var desired = deployment.Spec.Replicas ?? 1;
        if (status.UpdatedReplicas < desired)
            return new(false, false, $"{status.UpdatedReplicas} out of {desired} new replicas have been updated");
        if (status.Replicas > status.UpdatedReplicas)
            return new(false, false, $"{status.Replicas - status.UpdatedReplicas} old replicas are pending termination");
        if (status.AvailableReplicas < status.UpdatedReplicas)
            return new(false, false, $"{status.AvailableReplicas} of {status.UpdatedReplicas} updated replicas are available");
        return new(true, false, $"deployment \"{name}\" successfully rolled out");
    }
}
