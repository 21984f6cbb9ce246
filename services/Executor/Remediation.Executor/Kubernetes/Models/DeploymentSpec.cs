using System.Text.Json.Nodes;

namespace Remediation.Executor.Kubernetes.Models;

public sealed record DeploymentSpec
{
    public int? Replicas { get; init; }

    public LabelSelector Selector { get; init; } = new();

    public JsonObject Template { get; init; } = [];

    public bool Paused { get; init; }

    public int? ProgressDeadlineSeconds { get; init; }

    public int? RevisionHistoryLimit { get; init; }
}
