namespace Remediation.Policy;

/// <summary>Everything the services need to know about one (environment, service), defaults already applied.</summary>
public sealed record ServicePolicy
{
    public required string Environment { get; init; }

    public required string Name { get; init; }

    public required TargetPolicy Target { get; init; }

    public required DetectionPolicy Detection { get; init; }

    public required RollbackPolicy Rollback { get; init; }

    public required RunbookPolicy Runbook { get; init; }

    public required NotifyPolicy Notify { get; init; }

    /// <summary>Where this entry starts in the policy file (for messages that point people at it).</summary>
    public string? SourceLocation { get; init; }

    public ServiceKey Key => new(Environment, Name);
}
