using System.Collections.Concurrent;
using MassTransit;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Testing;
using Xunit.Sdk;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// A bus of the test's own on the installation's virtual host, as another team's consumer would have: one durable queue
/// bound to every lifecycle event (and to the faults of the messages the services consume), recording what the
/// services published as it travelled the broker. It also publishes, as a sender the services cannot tell from another
/// service. Started before the services, so that it misses nothing.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    public const string Queue = "integration-probe";

    private readonly ConcurrentQueue<RecordedMessage> _received = new();
    private readonly ConcurrentQueue<string> _faults = new();
    private readonly IBusControl _bus;

    private BusProbe(RabbitMqVirtualHost virtualHost)
    {
        var server = virtualHost.Server;
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(server.Host, (ushort)server.Port, virtualHost.Name, h =>
            {
                h.Username(server.Username);
                h.Password(server.Password);
                h.PublisherConfirmation = true;
            });
            cfg.ReceiveEndpoint(Queue, e =>
            {
                e.PrefetchCount = 64;
                Record<DeploymentRecorded>(e);
                Record<AnomalyDetected>(e);
                Record<AnomalyCleared>(e);
                Record<IncidentOpened>(e);
                Record<DecisionRecorded>(e);
                Record<RollbackRequested>(e);
                Record<RollbackCompleted>(e);
                Record<RollbackFailed>(e);
                Record<RemediationRequested>(e);
                Record<RemediationCompleted>(e);
                Record<RemediationFailed>(e);
                Record<ApprovalRequested>(e);
                Record<ApprovalDecided>(e);
                Record<IncidentEscalated>(e);
                Record<IncidentResolved>(e);
                RecordFault<DeploymentRecorded>(e);
                RecordFault<AnomalyDetected>(e);
                RecordFault<AnomalyCleared>(e);
                RecordFault<RollbackRequested>(e);
                RecordFault<RollbackCompleted>(e);
                RecordFault<RollbackFailed>(e);
                RecordFault<IncidentOpened>(e);
                RecordFault<IncidentResolved>(e);
                RecordFault<IncidentEscalated>(e);
                RecordFault<DecisionRecorded>(e);
            });
        });
    }

    public static async Task<BusProbe> StartAsync(RabbitMqVirtualHost virtualHost)
    {
        var probe = new BusProbe(virtualHost);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await probe._bus.StartAsync(timeout.Token);
        return probe;
    }

    /// <summary>Every message of type <typeparamref name="T"/> received so far, in order of arrival.</summary>
    public IReadOnlyList<T> All<T>()
        where T : class => [.. _received.Select(r => r.Message).OfType<T>()];

    public IReadOnlyList<T> All<T>(Func<T, bool> match)
        where T : class => [.. All<T>().Where(match)];

    /// <summary>Every fault the services published (a consumer failed all its retries).</summary>
    public IReadOnlyList<string> Faults => [.. _faults];

    /// <summary>Waits until a matching <typeparamref name="T"/> arrived and returns the first one.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string what, TimeSpan? timeout = null)
        where T : class
    {
        var found = await WaitForCountAsync(match, 1, what, timeout);
        return found[0];
    }

    /// <summary>Waits until at least <paramref name="count"/> matching <typeparamref name="T"/> arrived and returns them all.</summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync<T>(Func<T, bool> match, int count, string what, TimeSpan? timeout = null)
        where T : class
    {
        try
        {
            return await Eventually.UntilAsync(() => Task.FromResult(All(match)), found => found.Count >= count, timeout ?? Eventually.DefaultTimeout,
                $"{count} × {typeof(T).Name}: {what}");
        }
        catch (XunitException ex)
        {
            throw new XunitException($"{ex.Message}{Environment.NewLine}The probe received:{Environment.NewLine}{Describe()}");
        }
    }

    public Task PublishAsync<T>(T message, CancellationToken cancellationToken = default)
        where T : class => _bus.Publish(message, cancellationToken);

    /// <summary>What arrived, one line per message (for failure messages).</summary>
    public string Describe() => string.Join(Environment.NewLine, _received.Select(r => $"  {r.ReceivedAt:HH:mm:ss.fff} {Summary(r.Message)}"));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.StopAsync(timeout.Token);
    }

    private void Record<T>(IReceiveEndpointConfigurator endpoint)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue(new RecordedMessage(context.Message, context.MessageId, DateTimeOffset.UtcNow));
            return Task.CompletedTask;
        });

    private void RecordFault<T>(IReceiveEndpointConfigurator endpoint)
        where T : class =>
        endpoint.Handler<Fault<T>>(context =>
        {
            var why = string.Join("; ", context.Message.Exceptions.Select(e => $"{e.ExceptionType}: {e.Message}"));
            _faults.Enqueue($"Fault<{typeof(T).Name}>: {why}");
            return Task.CompletedTask;
        });

    private static string Summary(object message) => message switch
    {
        DeploymentRecorded m => $"DeploymentRecorded {m.Environment}/{m.Service} {m.Version}",
        AnomalyDetected m => $"AnomalyDetected {m.Environment}/{m.Service} {m.AnomalyId}",
        AnomalyCleared m => $"AnomalyCleared {m.Environment}/{m.Service} {m.AnomalyId}",
        IncidentOpened m => $"IncidentOpened {m.Environment}/{m.Service} {m.IncidentId}",
        DecisionRecorded m => $"DecisionRecorded {m.Environment}/{m.Service} {m.Rule}: {m.Reason}",
        RollbackRequested m => $"RollbackRequested {m.Environment}/{m.Service} {m.FromVersion}→{m.ToVersion} {m.RequestId}",
        RollbackCompleted m => $"RollbackCompleted {m.Environment}/{m.Service} {m.FromVersion}→{m.ToVersion} {m.RequestId}",
        RollbackFailed m => $"RollbackFailed {m.Environment}/{m.Service} {m.ReasonCode}: {m.Reason}",
        IncidentEscalated m => $"IncidentEscalated {m.Environment}/{m.Service} {m.ReasonCode}: {m.Reason}",
        IncidentResolved m => $"IncidentResolved {m.Environment}/{m.Service} {m.Resolution} [{string.Join(" → ", m.Chain)}]",
        _ => message.GetType().Name,
    };
}
