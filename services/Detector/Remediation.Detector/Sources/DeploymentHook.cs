namespace Remediation.Detector.Sources;

/// <summary>What a CI/CD pipeline posts when a deployment finished.</summary>
internal sealed class DeploymentHook
{
    /// <summary>The pipeline's own id of the deployment (a run id), so that a re-sent hook is the same deployment.</summary>
    public string? Id { get; set; }
    public string? Service { get; set; }
    public string? Environment { get; set; }
    public string? Version { get; set; }
    public string? Revision { get; set; }
    public string? Image { get; set; }
    public string? Commit { get; set; }
    public string? Author { get; set; }
    public string? Description { get; set; }
    public string? DeployedAt { get; set; }

    /// <summary>Alias of <see cref="DeployedAt"/>.</summary>
    public string? Time { get; set; }
    public bool? Irreversible { get; set; }
}
