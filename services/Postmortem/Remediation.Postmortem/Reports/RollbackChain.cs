namespace Remediation.Postmortem.Reports;

/// <summary>The versions the incident went through (<c>v2 → v1 → v0</c>) and each rollback step.</summary>
public sealed record RollbackChain
{
    /// <summary>Oldest first: the version running when the incident opened, then each version rolled back to.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    public IReadOnlyList<RollbackStep> Steps { get; init; } = [];
}
