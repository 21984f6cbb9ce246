using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Policy;

namespace Remediation.Executor.Drivers.Haproxy;

/// <summary>
/// The <c>haproxy</c> driver, over the Runtime API named by the target's <c>runtime</c> setting.
/// Blue/green (<c>mode: bluegreen</c>, the default): the target's <c>versions</c> map names the server of each version;
/// rolling back to a version brings its server up first, and only once HAProxy sees it running drains the others and puts
/// them in maintenance. Canary (<c>mode: canary</c>): abort by giving the <c>canary</c> server weight 0 and the
/// <c>stable</c> one its full weight. Runbook <c>failover</c> switches to the <c>failover_to</c> server the same way.
/// Every change is confirmed by reading HAProxy's own view; one already in place is reported as AlreadyAtTarget.
/// Setting a server's state is idempotent, so a resumed request simply observes and completes what is missing.
/// </summary>
internal sealed class HaproxyDriver(IOptions<ExecutorOptions> options, TimeProvider time, ILogger<HaproxyDriver> logger) : IExecutorDriver
{
    public string Name => "haproxy";

    private HaproxyOptions Settings => options.Value.Haproxy;

    public async Task<RollbackResult> RollbackAsync(RollbackOrder order, CancellationToken cancellationToken)
    {
        var policy = order.Policy;
        var request = order.Request;
        var (client, backend) = Connect(policy);
        var versions = policy.Target.Versions;
        var started = time.GetUtcNow();

        if (policy.Target.Get("mode") == "canary")
        {
            var stable = Setting(policy, "stable");
            var canary = Setting(policy, "canary");
            if (versions.TryGetValue(request.ToVersion, out var mapped) && mapped != stable)
            {
                throw new ExecutorFailureException(FailureCodes.TargetMismatch,
                    $"Canary abort of {backend}: {request.ToVersion} is served by {mapped}, not by the stable server {stable}.");
            }

            var from = VersionOf(versions, canary) ?? request.FromVersion;
            var already = await AbortCanaryAsync(order.Attempt, client, backend, stable, canary, cancellationToken);
            return new RollbackResult(from, request.ToVersion, already,
                already
                    ? $"HAProxy backend {backend}: canary {canary} already at weight 0, stable {stable} serving"
                    : $"HAProxy backend {backend}: canary {canary} set to weight 0, stable {stable} takes all traffic",
                time.GetUtcNow() - started);
        }

        if (!versions.TryGetValue(request.ToVersion, out var server))
        {
            throw new ExecutorFailureException(FailureCodes.UnknownVersion,
                $"The target of {policy.Key} has no server for version {request.ToVersion} (versions: {string.Join(", ", versions.Select(v => $"{v.Key}→{v.Value}"))}).");
        }

        var (wasServing, done) = await SwitchAsync(order.Attempt, client, backend, Safe(server, "server"), cancellationToken);
        var fromVersion = wasServing.Select(s => VersionOf(versions, s)).FirstOrDefault(v => v is not null) ?? request.FromVersion;
        return new RollbackResult(done ? request.ToVersion : fromVersion, request.ToVersion, done,
            done
                ? $"HAProxy backend {backend}: {server} already serves {request.ToVersion} alone"
                : $"HAProxy backend {backend}: traffic switched from {string.Join(", ", wasServing)} to {server} ({request.ToVersion})",
            time.GetUtcNow() - started);
    }

    public async Task<RemediationResult> RemediateAsync(RemediationOrder order, CancellationToken cancellationToken)
    {
        if (order.Request.Action != "failover")
            throw new ExecutorFailureException(FailureCodes.UnsupportedAction, $"The haproxy driver does not offer '{order.Request.Action}' (it offers failover).");

        var (client, backend) = Connect(order.Policy);
        var server = order.Request.Parameters.TryGetValue("to", out var to) ? to : Setting(order.Policy, "failover_to");
        var (wasServing, done) = await SwitchAsync(order.Attempt, client, backend, Safe(server, "failover server"), cancellationToken);
        return new RemediationResult(done
            ? $"HAProxy backend {backend}: {server} already serves alone"
            : $"HAProxy backend {backend}: failed over from {string.Join(", ", wasServing)} to {server}");
    }

    /// <summary>Makes <paramref name="server"/> the only serving server. Returns who served before, and whether it already was so.</summary>
    private async Task<(IReadOnlyList<string> WasServing, bool AlreadyDone)> SwitchAsync(
        ExecutionAttempt attempt, HaproxyRuntimeClient client, string backend, string server, CancellationToken cancellationToken)
    {
        var servers = await HaproxyView.ServersAsync(client, backend, cancellationToken);
        var target = servers.FirstOrDefault(s => s.Name == server)
                     ?? throw new ExecutorFailureException(FailureCodes.NotFound, $"HAProxy backend {backend} has no server {server} (servers: {string.Join(", ", servers.Select(s => s.Name))}).");
        var others = servers.Where(s => s.Name != server).ToList();
        var wasServing = others.Where(s => s.Serving).Select(s => s.Name).ToList();
        if (target.Serving && others.TrueForAll(s => s.InMaintenance))
            return (wasServing, true);

        await attempt.MarkActingAsync(cancellationToken);
        await client.ExecuteSilentAsync($"set server {backend}/{server} state ready", cancellationToken);
        if (target.UserWeight == 0)
            await client.ExecuteSilentAsync($"set server {backend}/{server} weight {Math.Max(1, target.InitialWeight).ToString(CultureInfo.InvariantCulture)}", cancellationToken);

        // Traffic leaves the old servers only once HAProxy itself sees the new one up.
        await WaitForAsync(client, backend, s => s.FirstOrDefault(x => x.Name == server)?.Serving == true, Settings.SettleTimeout,
            () => new ExecutorFailureException(FailureCodes.TargetUnhealthy,
                $"HAProxy backend {backend}: {server} did not come up within {Duration.Format(Settings.SettleTimeout)}; traffic stays on {string.Join(", ", wasServing)}."),
            cancellationToken);

        foreach (var other in others.Where(s => !s.InMaintenance))
        {
            if (Settings.DrainTimeout > TimeSpan.Zero)
            {
                await client.ExecuteSilentAsync($"set server {backend}/{other.Name} state drain", cancellationToken);
                await DrainAsync(client, backend, other.Name, cancellationToken);
            }

            await client.ExecuteSilentAsync($"set server {backend}/{other.Name} state maint", cancellationToken);
        }

        // The switch is confirmed by the settings HAProxy reports, not by the target's health at this instant: it was seen
        // serving before the others left, and a check running as the state is read reports no result yet (a failure here
        // would escalate a rollback that happened). Whether the version is good is the verification's question.
        var after = await HaproxyView.ServersAsync(client, backend, cancellationToken);
        if (after.FirstOrDefault(s => s.Name == server)?.InService != true || after.Any(s => s.Name != server && !s.InMaintenance))
        {
            throw new ExecutorFailureException(FailureCodes.ConfirmFailed,
                $"HAProxy backend {backend} does not show the switch to {server}: {string.Join(", ", after.Select(s => s.Describe()))}.");
        }

        logger.LogInformation("HAProxy backend {Backend}: switched to {Server} (was {Previous})", backend, server, string.Join(", ", wasServing));
        return (wasServing, false);
    }

    private async Task<bool> AbortCanaryAsync(
        ExecutionAttempt attempt, HaproxyRuntimeClient client, string backend, string stable, string canary, CancellationToken cancellationToken)
    {
        var servers = await HaproxyView.ServersAsync(client, backend, cancellationToken);
        var stableServer = servers.FirstOrDefault(s => s.Name == stable) ?? throw new ExecutorFailureException(FailureCodes.NotFound, $"HAProxy backend {backend} has no stable server {stable}.");
        var canaryServer = servers.FirstOrDefault(s => s.Name == canary) ?? throw new ExecutorFailureException(FailureCodes.NotFound, $"HAProxy backend {backend} has no canary server {canary}.");
        if (stableServer.Serving && (canaryServer.UserWeight == 0 || canaryServer.InMaintenance))
            return true;

        await attempt.MarkActingAsync(cancellationToken);
        await client.ExecuteSilentAsync($"set server {backend}/{stable} state ready", cancellationToken);
        await client.ExecuteSilentAsync($"set server {backend}/{stable} weight {Math.Max(1, stableServer.InitialWeight).ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        await WaitForAsync(client, backend, s => s.FirstOrDefault(x => x.Name == stable)?.Serving == true, Settings.SettleTimeout,
            () => new ExecutorFailureException(FailureCodes.TargetUnhealthy, $"HAProxy backend {backend}: stable server {stable} is not up; the canary keeps its weight."),
            cancellationToken);
        await client.ExecuteSilentAsync($"set server {backend}/{canary} weight 0", cancellationToken);

        var after = await HaproxyView.ServersAsync(client, backend, cancellationToken);
        if (after.FirstOrDefault(s => s.Name == canary)?.UserWeight != 0 || after.FirstOrDefault(s => s.Name == stable)?.InService != true)
        {
            throw new ExecutorFailureException(FailureCodes.ConfirmFailed,
                $"HAProxy backend {backend} does not show the canary abort: {string.Join(", ", after.Select(s => s.Describe()))}.");
        }

        logger.LogInformation("HAProxy backend {Backend}: canary {Canary} aborted, {Stable} takes all traffic", backend, canary, stable);
        return false;
    }

    private async Task DrainAsync(HaproxyRuntimeClient client, string backend, string server, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + Settings.DrainTimeout;
        while (time.GetUtcNow() < deadline)
        {
            var sessions = await HaproxyView.SessionsAsync(client, backend, cancellationToken);
            if (sessions.GetValueOrDefault(server) == 0)
                return;
            await Task.Delay(Settings.PollInterval, time, cancellationToken);
        }

        logger.LogInformation("HAProxy backend {Backend}: {Server} still had sessions after draining {Drain}; putting it in maintenance",
            backend, server, Duration.Format(Settings.DrainTimeout));
    }

    private async Task WaitForAsync(
        HaproxyRuntimeClient client, string backend, Func<IReadOnlyList<HaproxyServer>, bool> condition, TimeSpan timeout,
        Func<ExecutorFailureException> failure, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (condition(await HaproxyView.ServersAsync(client, backend, cancellationToken)))
                return;
            if (time.GetUtcNow() >= deadline)
                throw failure();
            await Task.Delay(Settings.PollInterval, time, cancellationToken);
        }
    }

    private (HaproxyRuntimeClient Client, string Backend) Connect(ServicePolicy policy) =>
        (new HaproxyRuntimeClient(TargetSettings.Require(policy, "runtime"), Settings.CommandTimeout), Setting(policy, "backend"));

    private static string Setting(ServicePolicy policy, string key) => Safe(TargetSettings.Require(policy, key), key);

    private static string Safe(string name, string what) =>
        HaproxyRuntimeClient.SafeName().IsMatch(name)
            ? name
            : throw new ExecutorFailureException(FailureCodes.Configuration, $"'{name}' is not a valid HAProxy {what} name.");

    private static string? VersionOf(IReadOnlyDictionary<string, string> versions, string server) =>
        versions.FirstOrDefault(v => v.Value == server).Key;
}
