using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Drivers;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Requests;
using Remediation.Policy;

namespace Remediation.Executor;

/// <summary>
/// Carries out requests exactly once per request id: claims the request in the ledger (or finds its stored outcome and
/// returns that, acting on nothing), holds the claim with a heartbeat while the policy's driver acts, stores the outcome,
/// and returns the message to publish. A failure to reach the target becomes a Failed outcome with a reason; anything
/// else (the database, a bug) gives the claim back and lets the message be retried, which then resumes by observation.
/// </summary>
public sealed class RequestExecutor(
    RequestLedger ledger,
    IPolicyProvider policies,
    IEnumerable<IExecutorDriver> drivers,
    IOptions<ExecutorOptions> options,
    TimeProvider time,
    ILogger<RequestExecutor> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<object> RollbackAsync(RollbackRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(Row(request.RequestId, "rollback", request.IncidentId, request.Environment, request.Service, request), async (claim, token) =>
        {
            var policy = policies.Find(request.Environment, request.Service);
            var driverName = policy?.Target.Driver ?? "none";
            RollbackFailed Failed(string code, string reason, string? from) => new()
            {
                RequestId = request.RequestId,
                IncidentId = request.IncidentId,
                Environment = request.Environment,
                Service = request.Service,
                FromVersion = from ?? request.FromVersion,
                ToVersion = request.ToVersion,
                Driver = driverName,
                ReasonCode = code,
                Reason = reason,
                StartedAt = claim.Row.ClaimedAt,
                OccurredAt = time.GetUtcNow(),
            };

            if (policy is null)
                return Failed(FailureCodes.NoPolicy, $"No policy for {request.Environment}/{request.Service}: nothing to act on.", null);
            if (Driver(driverName) is not { } driver)
                return Failed(FailureCodes.NoDriver, NoDriverReason(policy), null);

            try
            {
                var result = await driver.RollbackAsync(new RollbackOrder(request, policy, Attempt(claim)), token);
                var now = time.GetUtcNow();
                logger.LogInformation("Rolled back {Environment}/{Service} from {From} to {To} with {Driver} ({Details})",
                    request.Environment, request.Service, result.FromVersion, result.ToVersion, driverName, result.Details);
                return new RollbackCompleted
                {
                    RequestId = request.RequestId,
                    IncidentId = request.IncidentId,
                    Environment = request.Environment,
                    Service = request.Service,
                    FromVersion = result.FromVersion,
                    ToVersion = result.ToVersion,
                    Driver = driverName,
                    AlreadyAtTarget = result.AlreadyAtTarget,
                    Details = result.Details,
                    StartedAt = claim.Row.ClaimedAt,
                    CompletedAt = now,
                    RolloutDuration = result.RolloutDuration < TimeSpan.Zero ? TimeSpan.Zero : result.RolloutDuration,
                    OccurredAt = now,
                };
            }
            catch (ExecutorFailureException failure)
            {
                logger.LogWarning("Rollback of {Environment}/{Service} to {To} failed ({Code}): {Reason}",
                    request.Environment, request.Service, request.ToVersion, failure.Code, failure.Message);
                return Failed(failure.Code, failure.Message, failure.FromVersion);
            }
            catch (Exception ex) when (IsTargetError(ex, token))
            {
                logger.LogWarning("Rollback of {Environment}/{Service} to {To} failed talking to the target: {Error}",
                    request.Environment, request.Service, request.ToVersion, Describe(ex));
                return Failed(FailureCodes.TargetError, Describe(ex), null);
            }
        }, cancellationToken);
    }

    public Task<object> RemediateAsync(RemediationRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(Row(request.RequestId, "remediation", request.IncidentId, request.Environment, request.Service, request), async (claim, token) =>
        {
            var started = time.GetUtcNow();
            RemediationFailed Failed(string code, string reason) => new()
            {
                RequestId = request.RequestId,
                IncidentId = request.IncidentId,
                Environment = request.Environment,
                Service = request.Service,
                Action = request.Action,
                Step = request.Step,
                ReasonCode = code,
                Reason = reason,
                OccurredAt = time.GetUtcNow(),
            };
            RemediationCompleted Completed(string details) => new()
            {
                RequestId = request.RequestId,
                IncidentId = request.IncidentId,
                Environment = request.Environment,
                Service = request.Service,
                Action = request.Action,
                Step = request.Step,
                Details = details,
                Duration = time.GetUtcNow() - started,
                OccurredAt = time.GetUtcNow(),
            };

            if (request.Action == "notify")
                return Completed("notify: people are told by the notifier; nothing to change on the target");
            var policy = policies.Find(request.Environment, request.Service);
            if (policy is null)
                return Failed(FailureCodes.NoPolicy, $"No policy for {request.Environment}/{request.Service}: nothing to act on.");
            if (Driver(policy.Target.Driver) is not { } driver)
                return Failed(FailureCodes.NoDriver, NoDriverReason(policy));

            try
            {
                var result = await driver.RemediateAsync(new RemediationOrder(request, policy, Attempt(claim)), token);
                logger.LogInformation("Ran {Action} on {Environment}/{Service} with {Driver}: {Details}",
                    request.Action, request.Environment, request.Service, driver.Name, result.Details);
                return Completed(result.Details);
            }
            catch (ExecutorFailureException failure)
            {
                logger.LogWarning("{Action} on {Environment}/{Service} failed ({Code}): {Reason}",
                    request.Action, request.Environment, request.Service, failure.Code, failure.Message);
                return Failed(failure.Code, failure.Message);
            }
            catch (Exception ex) when (IsTargetError(ex, token))
            {
                logger.LogWarning("{Action} on {Environment}/{Service} failed talking to the target: {Error}",
                    request.Action, request.Environment, request.Service, Describe(ex));
                return Failed(FailureCodes.TargetError, Describe(ex));
            }
        }, cancellationToken);
    }

    private async Task<object> RunAsync(ExecutorRequest incoming, Func<Claim, CancellationToken, Task<object>> act, CancellationToken cancellationToken)
    {
        var claim = await ledger.ClaimAsync(incoming, cancellationToken);
        if (claim.Status == ClaimStatus.Finished)
        {
            logger.LogInformation("Request {RequestId} was already answered ({Outcome}); publishing that answer again, acting on nothing",
                claim.Row.RequestId, claim.Row.OutcomeType);
            return Outcomes.Deserialize(claim.Row);
        }

        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(claim, held);
        object outcome;
        try
        {
            outcome = await act(claim, held.Token);
        }
        catch
        {
            await StopAsync(held, heartbeat);
            await ledger.ReleaseAsync(claim.Row.RequestId, claim.Owner);
            throw;
        }

        await StopAsync(held, heartbeat);
        var (state, reasonCode, driver) = Outcomes.Classify(outcome);
        var stored = await ledger.CompleteAsync(claim.Row.RequestId, claim.Owner, state, driver.Length == 0 ? null : driver,
            outcome.GetType().Name, Outcomes.Serialize(outcome), reasonCode, cancellationToken);
        return stored is not null && stored.Owner != claim.Owner && stored.State != ExecutorRequestState.Claimed ? Outcomes.Deserialize(stored) : outcome;
    }

    private async Task HeartbeatAsync(Claim claim, CancellationTokenSource held)
    {
        var interval = options.Value.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, held.Token);
                bool holding;
                try
                {
                    holding = await ledger.RenewAsync(claim.Row.RequestId, claim.Owner, held.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not renew the claim on request {RequestId}; trying again", claim.Row.RequestId);
                    continue;
                }

                if (!holding)
                {
                    logger.LogWarning("Request {RequestId} was taken over by another attempt; stopping this one", claim.Row.RequestId);
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the work finished, or the claim was lost.
        }
    }

    private static async Task StopAsync(CancellationTokenSource held, Task heartbeat)
    {
        await held.CancelAsync();
        await heartbeat;
    }

    private ExecutionAttempt Attempt(Claim claim) =>
        new(claim.Status == ClaimStatus.Resumed, claim.Row.ActedAt, token => ledger.MarkActedAsync(claim.Row.RequestId, claim.Owner, token));

    private IExecutorDriver? Driver(string name) => drivers.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    private static string NoDriverReason(ServicePolicy policy) =>
        policy.Target.Driver == "none"
            ? $"The target of {policy.Key} has driver 'none' (decide and notify only): the executor changes nothing."
            : $"The target of {policy.Key} names driver '{policy.Target.Driver}', which this executor does not have.";

    private static ExecutorRequest Row<T>(Guid requestId, string kind, Guid incidentId, string environment, string service, T message) => new()
    {
        RequestId = requestId,
        Kind = kind,
        IncidentId = incidentId,
        Environment = environment,
        Service = service,
        Request = JsonSerializer.Serialize(message, Json),
    };

    private static bool IsTargetError(Exception ex, CancellationToken token) =>
        ex is KubernetesApiException or KubeconfigException or HttpRequestException or IOException or SocketException or TimeoutException or TimeoutRejectedException ||
        (ex is TaskCanceledException && !token.IsCancellationRequested);

    private static string Describe(Exception ex) => ex switch
    {
        KubernetesApiException k => $"The Kubernetes API answered {(int)k.StatusCode} {k.Reason}: {k.Message}",
        TaskCanceledException => "The target did not answer in time.",
        _ => ex.Message,
    };
}
