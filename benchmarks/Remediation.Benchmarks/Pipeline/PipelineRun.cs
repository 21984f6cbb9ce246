namespace Remediation.Benchmarks.Pipeline;

/// <summary>The hosts, the benchmark's bus and the alert sender of one run, with the services' history already set up.</summary>
internal sealed class PipelineRun : IAsyncDisposable
{
    private PipelineRun(PipelineHosts hosts, BenchBus bus, AlertSender sender)
    {
        Hosts = hosts;
        Bus = bus;
        Sender = sender;
    }

    public PipelineHosts Hosts { get; }

    public BenchBus Bus { get; }

    public AlertSender Sender { get; }

    public static async Task<PipelineRun> StartAsync(IReadOnlyList<string> services, bool classicQueues, bool stages, CancellationToken cancellationToken)
    {
        var servers = PipelineServers.FromEnvironment();
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"starting the detector, decision and executor hosts for {services.Count} services on {QueueKind.Describe(classicQueues)}");
        var hosts = await PipelineHosts.StartAsync(servers, services, classicQueues, cancellationToken);
        BenchBus? bus = null;
        try
        {
            bus = await BenchBus.StartAsync(servers, hosts.VirtualHost, classicQueues, stages, cancellationToken);
            await bus.PrepareAsync(services, cancellationToken);
            return new PipelineRun(hosts, bus, new AlertSender(hosts.Detector));
        }
        catch
        {
            if (bus is not null)
                await bus.DisposeAsync();
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends the services' alerts at <paramref name="rate"/> a second and returns, per service, the time from sending its
    /// alert to the executor's consumer claiming its rollback request.
    /// </summary>
    public async Task<(Percentiles Latency, TimeSpan Sending, DateTimeOffset FirstSent, DateTimeOffset LastClaimed)> MeasureAsync(
        IReadOnlyList<string> services, double rate, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = await Sender.SendAsync(services, rate, cancellationToken);
        var sending = clock.Elapsed;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        var prefix = services[0][..(services[0].LastIndexOf('-') + 1)];
        while (await Hosts.CountClaimsAsync(prefix, cancellationToken) < services.Count && DateTime.UtcNow < deadline)
            await Task.Delay(250, cancellationToken);
        var claims = await Hosts.ClaimsAsync(prefix, cancellationToken);

        var missing = services.Count(s => !claims.ContainsKey(s));
        if (missing > 0)
            Console.WriteLine($"warning: {missing} of {services.Count} services never reached the executor");
        var reached = services.Where(claims.ContainsKey).ToList();
        if (Bus.TimesStages)
            Console.WriteLine($"  where the time goes ({reached.Count} anomalies): " + string.Join("; ", Stages(reached, sent, claims)));
        return (new Percentiles(reached.Select(s => (claims[s] - sent[s]).TotalMilliseconds)), sending, sent.Values.Min(),
            reached.Count == 0 ? DateTimeOffset.MinValue : reached.Max(s => claims[s]));
    }

    private IEnumerable<string> Stages(IReadOnlyList<string> services, IReadOnlyDictionary<string, DateTimeOffset> sent,
        Dictionary<string, DateTimeOffset> claims)
    {
        var detected = services.Where(Bus.Detected.ContainsKey).ToList();
        var requested = services.Where(s => Bus.Detected.ContainsKey(s) && Bus.Requested.ContainsKey(s)).ToList();
        yield return "sent → AnomalyDetected published " + new Percentiles(detected.Select(s => (Bus.Detected[s] - sent[s]).TotalMilliseconds)).Describe();
        yield return "→ RollbackRequested published " + new Percentiles(requested.Select(s => (Bus.Requested[s] - Bus.Detected[s]).TotalMilliseconds)).Describe();
        yield return "→ RollbackRequested delivered (stored and published) " +
                     new Percentiles(services.Where(Bus.RequestArrived.ContainsKey).Select(s => (Bus.RequestArrived[s] - Bus.Requested[s]).TotalMilliseconds)).Describe();
        yield return "→ executor claimed " + new Percentiles(services.Where(Bus.RequestArrived.ContainsKey).Select(s => (claims[s] - Bus.RequestArrived[s]).TotalMilliseconds)).Describe();
    }

    public async ValueTask DisposeAsync()
    {
        Sender.Dispose();
        await Bus.DisposeAsync();
        await Hosts.DisposeAsync();
    }
}
