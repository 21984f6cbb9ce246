namespace Remediation.Contracts.Operations;

/// <summary>A person resumes automation for a service after an escalation.</summary>
public sealed record ResumeAutomation
{
    /// <summary>Identity of the command; repeated deliveries act once.</summary>
    public required Guid CommandId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The authenticated name of the person.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>Why, in their words.</summary>
    public string? Reason { get; init; }

    /// <summary>When the command was issued.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
