using Remediation.Contracts.Decisions;
using Remediation.Policy;

namespace Remediation.Decision.Policies;

/// <summary>The outcome of assessing an anomaly: the verdict, the rule and reason, and what it would act on.</summary>
public sealed record Assessment
{
    public required Verdict Verdict { get; init; }

    /// <summary>A stable code for the rule that decided (<c>rollback.inside-window</c>, <c>guard.cooldown</c>, ...).</summary>
    public required string Rule { get; init; }

    public required string Reason { get; init; }

    /// <summary>For escalations: the machine-readable reason.</summary>
    public string? ReasonCode { get; init; }

    public RollbackPlan? Plan { get; init; }

    /// <summary>For runbooks: the step to run (1-based) and its action.</summary>
    public int Step { get; init; }

    public RunbookStep? Action { get; init; }

    /// <summary>For shadow mode: what would have happened.</summary>
    public Verdict WouldHave { get; init; }

    public IReadOnlyList<VersionCandidate> Candidates => Plan?.Candidates ?? [];
}
