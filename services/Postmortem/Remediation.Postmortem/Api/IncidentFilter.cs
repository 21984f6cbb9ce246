using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Api;

/// <summary>What <c>GET /api/incidents</c> filters on: exact environment and service, state, and opening time (inclusive).</summary>
public sealed record IncidentFilter
{
    public string? Environment { get; init; }

    public string? Service { get; init; }

    public IncidentState? State { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}
