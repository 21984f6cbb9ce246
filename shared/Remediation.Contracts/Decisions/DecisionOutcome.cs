using System.Text.Json.Serialization;

namespace Remediation.Contracts.Decisions;

/// <summary>What a decision concluded. Serialized as its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionOutcome>))]
public enum DecisionOutcome
{
    /// <summary>Nothing to do (duplicate, not applicable, already handled).</summary>
    NoAction = 0,

    /// <summary>Roll back to an earlier version.</summary>
    Rollback = 1,

    /// <summary>Run a runbook action (restart, scale, fail over).</summary>
    Remediate = 2,

    /// <summary>Ask a person to approve the action first.</summary>
    AwaitApproval = 3,

    /// <summary>Stop automation for the service; humans take over.</summary>
    Escalate = 4,

    /// <summary>Only tell people.</summary>
    NotifyOnly = 5,

    /// <summary>Verification started or the incident was declared resolved.</summary>
    Resolve = 6,

    /// <summary>An action that shadow mode recorded and did not execute.</summary>
    WouldAct = 7,

    /// <summary>Record a version's health (healthy after its verification period, bad after a rollback).</summary>
    VersionHealth = 8,

    /// <summary>Automation was resumed or a guard overridden by a person.</summary>
    Override = 9,
}
