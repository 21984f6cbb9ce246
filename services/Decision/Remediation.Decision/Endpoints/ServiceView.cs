using Remediation.Decision.StateMachines;

namespace Remediation.Decision.Endpoints;

/// <summary>A service's decision state as the API shows it.</summary>
public sealed record ServiceView(
    string Environment,
    string Service,
    string State,
    string? CurrentVersion,
    Guid? IncidentId,
    IReadOnlyList<string> Chain,
    PendingAction? Pending,
    DateTimeOffset? CooldownUntil,
    string? EscalationReason,
    IReadOnlyDictionary<string, VersionHealth> Versions,
    IReadOnlyList<DeploymentEntry> Deployments)
{
    public static ServiceView From(ServiceState s) =>
        new(s.Environment, s.Service, s.CurrentState, s.CurrentVersion, s.IncidentId, s.Chain, s.Pending, s.CooldownUntil, s.EscalationReason,
            s.Versions, s.Deployments);
}
