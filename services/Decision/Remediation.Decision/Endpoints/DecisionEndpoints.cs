using System.Security.Claims;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Operations;
using Remediation.Decision.Records;
using Remediation.Decision.StateMachines;
using Remediation.Persistence;
using Remediation.Security;

namespace Remediation.Decision.Endpoints;

/// <summary>
/// The decision service's HTTP API: decision records per incident and per service, a service's saga state, and the
/// authenticated, audited operations — approve or reject a held action, roll back to a version, resume automation,
/// override the cooldown once. Operations publish a command and answer 202; the saga records who decided.
/// </summary>
public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/decision");
        api.MapGet("/records", ListRecords).RequireAuthorization(Roles.Reader);
        api.MapGet("/services/{environment}/{service}", GetService).RequireAuthorization(Roles.Reader);
        api.MapPost("/services/{environment}/{service}/approvals/{approvalId:guid}", DecideApproval).RequireAuthorization(Roles.Operator);
        api.MapPost("/services/{environment}/{service}/rollback", RollBack).RequireAuthorization(Roles.Operator);
        api.MapPost("/services/{environment}/{service}/resume", Resume).RequireAuthorization(Roles.Operator);
        api.MapPost("/services/{environment}/{service}/override-cooldown", OverrideCooldown).RequireAuthorization(Roles.Operator);
        return endpoints;
    }

    private static async Task<IResult> ListRecords(DecisionDbContext db, Guid? incidentId, string? environment, string? service, int? limit,
        CancellationToken cancellationToken)
    {
        if (incidentId is null && (string.IsNullOrWhiteSpace(environment) || string.IsNullOrWhiteSpace(service)))
            return Problems.BadRequest("missing-filter", "Give incidentId, or environment and service.");
        if (limit is < 1 or > 1000)
            return Problems.BadRequest("bad-limit", "limit must be between 1 and 1000.");

        var query = db.Decisions.AsNoTracking();
        query = incidentId is { } id
            ? query.Where(d => d.IncidentId == id)
            : query.Where(d => d.Environment == environment && d.Service == service);
        var rows = await query.OrderBy(d => d.OccurredAt).Take(limit ?? 200).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(r => JsonSerializer.Deserialize<DecisionRecorded>(r.Document, JsonColumns.Options)));
    }

    private static async Task<IResult> GetService(string environment, string service, ILoadSagaRepository<ServiceState> sagas)
    {
        var state = await sagas.Load(ServiceStateMachine.Key(environment, service));
        return state is null ? NotFound(environment, service) : Results.Ok(ServiceView.From(state));
    }

    private static async Task<IResult> DecideApproval(string environment, string service, Guid approvalId, ApprovalBody body, ClaimsPrincipal user,
        ILoadSagaRepository<ServiceState> sagas, IPublishEndpoint publish, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (body.Approved is null)
            return Problems.BadRequest("missing-approved", "The body must say { \"approved\": true } or { \"approved\": false }.");

        var state = await sagas.Load(ServiceStateMachine.Key(environment, service));
        if (state is null)
            return NotFound(environment, service);
        if (state.CurrentState != nameof(ServiceStateMachine.AwaitingApproval) || state.Pending?.ApprovalId != approvalId || state.IncidentId is null)
            return Problems.Result(StatusCodes.Status409Conflict, "no-such-approval", $"{environment}/{service} is not waiting for approval {approvalId}.");

        var who = user.Identity?.Name ?? "unknown";
        logs.CreateLogger(nameof(DecisionEndpoints)).LogInformation("{User} {Verdict} approval {ApprovalId} for {Environment}/{Service}",
            who, body.Approved.Value ? "approved" : "rejected", approvalId, environment, service);
        await publish.Publish(new ApprovalDecided
        {
            ApprovalId = approvalId,
            IncidentId = state.IncidentId.Value,
            Environment = state.Environment,
            Service = state.Service,
            Approved = body.Approved.Value,
            DecidedBy = who,
            Comment = body.Comment,
            OccurredAt = time.GetUtcNow(),
        }, cancellationToken);
        return Results.Accepted(value: new { approvalId, approved = body.Approved.Value, decidedBy = who });
    }

    private static async Task<IResult> RollBack(string environment, string service, ManualRollbackBody body, ClaimsPrincipal user,
        ILoadSagaRepository<ServiceState> sagas, IPublishEndpoint publish, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.ToVersion))
            return Problems.BadRequest("missing-version", "The body must name the version to roll back to: { \"toVersion\": \"v1\" }.");

        var state = await sagas.Load(ServiceStateMachine.Key(environment, service));
        if (state is not null && state.CurrentState is nameof(ServiceStateMachine.RollingBack) or nameof(ServiceStateMachine.AwaitingApproval)
                or nameof(ServiceStateMachine.Remediating))
            return Problems.Result(StatusCodes.Status409Conflict, "busy", $"{environment}/{service} is {state.CurrentState}: wait for the action in flight.");

        var who = user.Identity?.Name ?? "unknown";
        var command = new RequestManualRollback
        {
            CommandId = NewId.NextGuid(),
            Environment = environment,
            Service = service,
            ToVersion = body.ToVersion.Trim(),
            RequestedBy = who,
            Reason = body.Reason,
            OccurredAt = time.GetUtcNow(),
        };
        logs.CreateLogger(nameof(DecisionEndpoints)).LogInformation("{User} asked to roll back {Environment}/{Service} to {Version} ({CommandId})",
            who, environment, service, command.ToVersion, command.CommandId);
        await publish.Publish(command, cancellationToken);
        return Results.Accepted(value: new { commandId = command.CommandId, toVersion = command.ToVersion, requestedBy = who });
    }

    private static async Task<IResult> Resume(string environment, string service, ReasonBody? body, ClaimsPrincipal user,
        ILoadSagaRepository<ServiceState> sagas, IPublishEndpoint publish, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var state = await sagas.Load(ServiceStateMachine.Key(environment, service));
        if (state is null)
            return NotFound(environment, service);
        if (state.CurrentState != nameof(ServiceStateMachine.Escalated))
            return Problems.Result(StatusCodes.Status409Conflict, "not-escalated", $"{environment}/{service} is {state.CurrentState}, not escalated.");

        var who = user.Identity?.Name ?? "unknown";
        var command = new ResumeAutomation
        {
            CommandId = NewId.NextGuid(), Environment = state.Environment, Service = state.Service, RequestedBy = who, Reason = body?.Reason,
            OccurredAt = time.GetUtcNow(),
        };
        logs.CreateLogger(nameof(DecisionEndpoints)).LogInformation("{User} resumed automation for {Environment}/{Service}", who, environment, service);
        await publish.Publish(command, cancellationToken);
        return Results.Accepted(value: new { commandId = command.CommandId, requestedBy = who });
    }

    private static async Task<IResult> OverrideCooldown(string environment, string service, ReasonBody? body, ClaimsPrincipal user,
        ILoadSagaRepository<ServiceState> sagas, IPublishEndpoint publish, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var state = await sagas.Load(ServiceStateMachine.Key(environment, service));
        if (state is null)
            return NotFound(environment, service);
        if (state.CurrentState != nameof(ServiceStateMachine.CoolingDown))
            return Problems.Result(StatusCodes.Status409Conflict, "not-cooling-down", $"{environment}/{service} is {state.CurrentState}, not cooling down.");

        var who = user.Identity?.Name ?? "unknown";
        var command = new OverrideCooldown
        {
            CommandId = NewId.NextGuid(), Environment = state.Environment, Service = state.Service, RequestedBy = who, Reason = body?.Reason,
            OccurredAt = time.GetUtcNow(),
        };
        logs.CreateLogger(nameof(DecisionEndpoints)).LogInformation("{User} overrode the cooldown of {Environment}/{Service}", who, environment, service);
        await publish.Publish(command, cancellationToken);
        return Results.Accepted(value: new { commandId = command.CommandId, requestedBy = who });
    }

    private static IResult NotFound(string environment, string service) =>
        Problems.Result(StatusCodes.Status404NotFound, "unknown-service", $"Nothing is known about {environment}/{service}.");
}
