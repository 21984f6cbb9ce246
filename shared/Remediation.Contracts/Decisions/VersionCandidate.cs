namespace Remediation.Contracts.Decisions;

/// <summary>A version a decision considered as a rollback target, and whether it was eligible.</summary>
public sealed record VersionCandidate
{
    /// <summary>The version.</summary>
    public required string Version { get; init; }

    /// <summary>What the decision service knew of it: <c>unknown</c>, <c>healthy</c> or <c>bad</c>.</summary>
    public required string Health { get; init; }

    /// <summary>When it was deployed.</summary>
    public DateTimeOffset DeployedAt { get; init; }

    /// <summary>Whether it could be a target.</summary>
    public bool Eligible { get; init; }

    /// <summary>Why it was or was not eligible.</summary>
    public string? Note { get; init; }
}
