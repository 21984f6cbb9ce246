using System.Text.Json;
using Remediation.Executor.Requests;

namespace Remediation.Executor.Api;

/// <summary>What <c>GET /api/executor/requests/{id}</c> answers: a request's state and outcome.</summary>
public sealed record RequestView
{
    public required Guid RequestId { get; init; }

    public required string Kind { get; init; }

    public required Guid IncidentId { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    public string? Driver { get; init; }

    public required string State { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }

    public DateTimeOffset? ActedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? ReasonCode { get; init; }

    public string? OutcomeType { get; init; }

    public JsonElement? Outcome { get; init; }

    public static RequestView From(ExecutorRequest row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RequestView
        {
            RequestId = row.RequestId,
            Kind = row.Kind,
            IncidentId = row.IncidentId,
            Environment = row.Environment,
            Service = row.Service,
            Driver = row.Driver,
            State = row.State.ToString().ToLowerInvariant(),
            Attempts = row.Attempts,
            ClaimedAt = row.ClaimedAt,
            ActedAt = row.ActedAt,
            FinishedAt = row.FinishedAt,
            ReasonCode = row.ReasonCode,
            OutcomeType = row.OutcomeType,
            Outcome = row.Outcome is null ? null : JsonDocument.Parse(row.Outcome).RootElement.Clone(),
        };
    }
}
