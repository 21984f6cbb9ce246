using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Reports;

/// <summary>How the incident ended (or where it stands).</summary>
public sealed record ReportOutcome
{
    public required IncidentState State { get; init; }

    /// <summary><c>verified</c>, <c>cleared</c>, <c>remediated</c> or <c>manual</c> when resolved.</summary>
    public string? Resolution { get; init; }

    /// <summary>The escalation's reason code, when it escalated.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>The escalation's reason, when it escalated.</summary>
    public string? Reason { get; init; }

    /// <summary>The version running at the end.</summary>
    public string? FinalVersion { get; init; }
}
