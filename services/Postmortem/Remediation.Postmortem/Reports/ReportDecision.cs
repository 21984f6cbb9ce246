using Remediation.Contracts.Decisions;

namespace Remediation.Postmortem.Reports;

/// <summary>A decision and its reason, as the decision service recorded it.</summary>
public sealed record ReportDecision
{
    public required Guid DecisionId { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DecisionOutcome Outcome { get; init; }

    public required string Rule { get; init; }

    public required string Reason { get; init; }

    public string DecidedBy { get; init; } = "automation";

    public bool Shadow { get; init; }

    public string? TargetVersion { get; init; }

    public IReadOnlyList<VersionCandidate> VersionsConsidered { get; init; } = [];
}
