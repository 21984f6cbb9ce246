using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// The benchmark's own MassTransit bus on the run's virtual host: it sets the services' history up as the detector would
/// (DeploymentRecorded v1, then v2, each soaked, watching the decision service's records meanwhile), with
/// <see cref="Stages"/> sees when anomalies are published and rollbacks requested, and measures a bare durable
/// publish → consume round trip with publisher confirms on the same broker.
/// </summary>
internal sealed class BenchBus : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentDictionary<(string Service, string Version), bool> _soaked = new();
    private readonly ConcurrentDictionary<Guid, double> _roundTrips = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _detected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _requested = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _requestArrived = new(StringComparer.Ordinal);

    private BenchBus(PipelineServers servers, string vhost, bool classicQueues, bool stages)
    {
        TimesStages = stages;
        var queue = $"bench-{Guid.NewGuid():N}";
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(servers.RabbitHost, servers.RabbitPort, vhost, h =>
            {
                h.Username(servers.RabbitUser);
                h.Password(servers.RabbitPassword);
            });
            if (stages)
            {
                cfg.ReceiveEndpoint(queue + "-stages", e =>
                {
                    e.Durable = false;
                    e.AutoDelete = true;
                    // Where the time goes: when the detector published the anomaly, when the decision requested the rollback.
                    e.Handler<AnomalyDetected>(c =>
                    {
                        _detected[c.Message.Service] = c.Message.OccurredAt;
                        return Task.CompletedTask;
                    });
                    e.Handler<RollbackRequested>(c =>
                    {
                        _requested[c.Message.Service] = c.Message.OccurredAt;
                        _requestArrived[c.Message.Service] = DateTimeOffset.UtcNow;
                        return Task.CompletedTask;
                    });
                });
            }

            // Durable and of the hosts' queue type; messages are persistent and published with confirms (the default).
            cfg.ReceiveEndpoint(queue + "-roundtrip", e =>
            {
                e.PrefetchCount = 32;
                if (!classicQueues)
                    e.SetQuorumQueue();
                e.Handler<BenchPing>(c =>
                {
                    _roundTrips[c.Message.Id] = Stopwatch.GetElapsedTime(c.Message.SentTimestamp).TotalMilliseconds;
                    return Task.CompletedTask;
                });
            });
        });
    }

    public static async Task<BenchBus> StartAsync(PipelineServers servers, string vhost, bool classicQueues, bool stages, CancellationToken cancellationToken)
    {
        var bus = new BenchBus(servers, vhost, classicQueues, stages);
        await bus._bus.StartAsync(cancellationToken);
        return bus;
    }

    /// <summary>
    /// Deploys v1 of every service, waits until the decision service trusts it (a 1 s soak), then deploys v2 and waits
    /// for its soak too: from then on an anomaly of the service rolls it back to v1.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        // The decision service's records say when a version is trusted. Watched only while setting up: the queue goes
        // away with its consumer, so the records of the measured anomalies cost the broker and this process nothing.
        var soak = _bus.ConnectReceiveEndpoint($"bench-{Guid.NewGuid():N}-soak", e =>
        {
            if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.Durable = false;
                rabbit.AutoDelete = true;
            }

            e.Handler<DecisionRecorded>(c =>
            {
                if (c.Message.Rule == "version.soaked" && c.Message.TargetVersion is { } version)
                    _soaked[(c.Message.Service, version)] = true;
                return Task.CompletedTask;
            });
        });
        await soak.Ready.WaitAsync(cancellationToken);
        try
        {
            await DeployAndSoakAsync(services, cancellationToken);
        }
        finally
        {
            await soak.StopAsync(CancellationToken.None);
        }
    }

    private async Task DeployAndSoakAsync(IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        foreach (var version in new[] { "v1", "v2" })
        {
            var clock = Stopwatch.StartNew();
            var deployedAt = DateTimeOffset.UtcNow;
            foreach (var chunk in services.Chunk(200))
            {
                await Task.WhenAll(chunk.Select(service => _bus.Publish(new DeploymentRecorded
                {
                    DeploymentId = NewId.NextGuid(),
                    Environment = PipelinePolicy.Environment,
                    Service = service,
                    Version = version,
                    DeployedAt = deployedAt,
                    OccurredAt = deployedAt,
                }, cancellationToken)));
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
            while (services.Any(s => !_soaked.ContainsKey((s, version))))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{services.Count(s => !_soaked.ContainsKey((s, version)))} services never trusted {version}.");
                await Task.Delay(250, cancellationToken);
            }

            Console.WriteLine($"setup: {services.Count} services deployed {version} and soaked in {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>Publishes <paramref name="count"/> messages at <paramref name="rate"/> a second (open loop) and returns each one's publish → consume time.</summary>
    public async Task<Percentiles> RoundTripAsync(double rate, int count, CancellationToken cancellationToken)
    {
        _roundTrips.Clear();
        var ids = new List<Guid>(count);
        var sends = new List<Task>(count);
        await OpenLoop.RunAsync(rate, count, i =>
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            sends.Add(_bus.Publish(new BenchPing(id, Stopwatch.GetTimestamp()), cancellationToken));
        }, cancellationToken);
        await Task.WhenAll(sends);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (_roundTrips.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(50, cancellationToken);
        return new Percentiles(ids.Where(_roundTrips.ContainsKey).Select(id => _roundTrips[id]));
    }

    /// <summary>Whether this bus watches anomalies and rollback requests (<see cref="Stages"/>).</summary>
    public bool TimesStages { get; }

    /// <summary>When the detector published each service's AnomalyDetected (its OccurredAt), if seen.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Detected => _detected;

    /// <summary>When the decision service published each service's RollbackRequested (its OccurredAt), if seen.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Requested => _requested;

    /// <summary>When each service's RollbackRequested reached this process' queue (as it reaches the executor's).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> RequestArrived => _requestArrived;

    public async ValueTask DisposeAsync() => await _bus.StopAsync(CancellationToken.None);
}
