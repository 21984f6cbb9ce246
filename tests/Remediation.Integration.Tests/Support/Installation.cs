using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Remediation.Scheduling;
using Remediation.Testing;
using Xunit.Sdk;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// One installation of Remediation for one test, as it runs in production: each service in its own host (see
/// <see cref="ServiceHost"/>) on a fresh RabbitMQ virtual host and with a fresh PostgreSQL database per service, the policy
/// in a file, a webhook notification channel (<see cref="Receiver"/>), and a probe on the broker (<see cref="Probe"/>) that
/// records what the services publish. The decision hosts run on <see cref="Clock"/>. Everything is torn down on dispose.
/// </summary>
public sealed partial class Installation : IAsyncDisposable
{
    private readonly Dictionary<string, PostgresDatabase> _databases;
    private readonly List<ServiceHost> _hosts = [];
    private readonly string _directory;
    private int _decisionHosts;

    private Installation(RabbitMqVirtualHost virtualHost, Dictionary<string, PostgresDatabase> databases, string directory, BusProbe probe,
        NotificationReceiver receiver)
    {
        VirtualHost = virtualHost;
        _databases = databases;
        _directory = directory;
        Probe = probe;
        Receiver = receiver;
    }

    public RabbitMqVirtualHost VirtualHost { get; }

    public BusProbe Probe { get; }

    /// <summary>Where the notifier's webhook channel <c>hooks</c> delivers.</summary>
    public NotificationReceiver Receiver { get; }

    /// <summary>The decision hosts' clock: <see cref="AdvanceClock"/> lets timers come due.</summary>
    public ShiftableClock Clock { get; } = new();

    public string PolicyPath => Path.Combine(_directory, "policy.yaml");

    public PostgresDatabase Database(ServiceModule module) => _databases[module.Name];

    public IReadOnlyList<ServiceHost> Running => [.. _hosts.Where(h => h.IsRunning)];

    public ServiceHost Detector => Single(ServiceModule.Detector);

    public ServiceHost Executor => Single(ServiceModule.Executor);

    public ServiceHost Notifier => Single(ServiceModule.Notifier);

    public ServiceHost Postmortem => Single(ServiceModule.Postmortem);

    /// <summary>The decision hosts running now (two or more in the tests that run them side by side).</summary>
    public IReadOnlyList<ServiceHost> Decisions => [.. Running.Where(h => h.Name.StartsWith(ServiceModule.Decision.Name, StringComparison.Ordinal))];

    /// <summary>A fresh virtual host, a database per service, the policy file, the notification receiver and the probe; no service yet.</summary>
    public static async Task<Installation> CreateAsync(string policyYaml)
    {
        var rabbit = await RabbitMqServer.GetSharedAsync();
        var postgres = await PostgresServer.GetSharedAsync();
        var virtualHost = await rabbit.CreateVirtualHostAsync();
        var databases = new Dictionary<string, PostgresDatabase>(StringComparer.Ordinal);
        var directory = Directory.CreateTempSubdirectory("remediation-integration-").FullName;
        BusProbe? probe = null;
        NotificationReceiver? receiver = null;
        try
        {
            foreach (var module in ServiceModule.All)
                databases[module.Name] = await postgres.CreateDatabaseAsync(module.Name);
            await File.WriteAllTextAsync(Path.Combine(directory, "policy.yaml"), policyYaml);
            receiver = await NotificationReceiver.StartAsync();
            probe = await BusProbe.StartAsync(virtualHost);
            return new Installation(virtualHost, databases, directory, probe, receiver);
        }
        catch
        {
            if (probe is not null)
                await probe.DisposeAsync();
            if (receiver is not null)
                await receiver.DisposeAsync();
            foreach (var database in databases.Values)
                await database.DisposeAsync();
            await virtualHost.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the five services, each in its own host, and checks that each one reports itself ready.</summary>
    public async Task StartServicesAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        foreach (var module in ServiceModule.All)
        {
            var host = await StartAsync(module, settings);
            using var probe = host.Client();
            await WaitAsync(async () => (await probe.GetAsync("/health/ready")).StatusCode, s => s == System.Net.HttpStatusCode.OK,
                $"{host.Name} to report ready (broker, database, policy)");
        }
    }

    /// <summary>Starts one more host of <paramref name="module"/> on this installation's broker, database and policy.</summary>
    public async Task<ServiceHost> StartAsync(ServiceModule module, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var decision = module == ServiceModule.Decision;
        var name = decision ? $"{module.Name}-{Interlocked.Increment(ref _decisionHosts)}" : module.Name;
        var configuration = Configuration(module, settings);
        var host = await ServiceHost.StartAsync(module, name, _directory, configuration,
            decision ? services => services.AddSingleton<TimeProvider>(Clock) : null);
        lock (_hosts)
            _hosts.Add(host);
        return host;
    }

    /// <summary>The configuration a host of <paramref name="module"/> gets: what an operator would put in its environment.</summary>
    public Dictionary<string, string?> Configuration(ServiceModule module, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var pairs = TestConfiguration.Create()
            .Add("Urls", "http://127.0.0.1:0")
            .Add(VirtualHost.Configuration)
            .Add(_databases[module.Name].Configuration)
            .Add(Tokens.Configuration())
            .Add("Remediation:Policy:Path", PolicyPath);

        if (module == ServiceModule.Detector)
            pairs.Add("Remediation:Detector:SweepInterval", "00:00:00.100").Add("Remediation:Detector:OutboxRetryAfter", "00:00:01");
        else if (module == ServiceModule.Decision)
            pairs.Add("Remediation:Scheduling:MaxIdle", "00:00:00.250");
        else if (module == ServiceModule.Executor)
            pairs.Add("Remediation:Executor:LeaseDuration", "00:00:10")
                .Add("Remediation:Executor:BusyPollInterval", "00:00:00.050")
                .Add("Remediation:Executor:Haproxy:PollInterval", "00:00:00.050")
                .Add("Remediation:Executor:Haproxy:DrainTimeout", "00:00:00.500")
                .Add("Remediation:Executor:Webhook:BaseDelay", "00:00:00.050")
                .Add("Remediation:Executor:Credentials:cd:Header", "Authorization")
                .Add("Remediation:Executor:Credentials:cd:Value", $"Bearer {CdReceiver.Token}");
        else if (module == ServiceModule.Notifier)
            pairs.Add("Remediation:Notifier:Channels:hooks:Type", "webhook")
                .Add("Remediation:Notifier:Channels:hooks:Url", Receiver.Url.ToString())
                .Add("Remediation:Notifier:Dispatch:PollInterval", "00:00:00.200");

        if (settings is not null)
            pairs.Add(settings);
        return new Dictionary<string, string?>(pairs.Pairs, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Moves the decision hosts' clock forward and wakes their schedulers, so that what became due is sent now.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        Clock.Advance(by);
        foreach (var decision in Decisions)
            decision.Services.GetRequiredService<SchedulerSignal>().Notify();
    }

    /// <summary>
    /// Waits for a condition like <see cref="Eventually"/>; on timeout the failure also shows what the probe received and
    /// what the hosts logged.
    /// </summary>
    public async Task<T> WaitAsync<T>(Func<Task<T>> observe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.UntilAsync(observe, accept, timeout ?? Eventually.DefaultTimeout, what);
        }
        catch (XunitException ex)
        {
            throw new XunitException($"{ex.Message}{Environment.NewLine}{Diagnostics()}");
        }
    }

    /// <summary>
    /// What a healthy run leaves: no message in any <c>_error</c> or <c>_skipped</c> queue, no fault published, no notification
    /// in a wrong format.
    /// </summary>
    public async Task AssertNothingFailedAsync()
    {
        var problems = new List<string>();
        foreach (var queue in await VirtualHost.GetQueuesAsync())
        {
            if (!queue.Name.EndsWith("_error", StringComparison.Ordinal) && !queue.Name.EndsWith("_skipped", StringComparison.Ordinal))
                continue;
            var count = await VirtualHost.CountMessagesAsync(queue.Name);
            if (count is > 0)
                problems.Add($"{count} message(s) in {queue.Name}");
        }

        problems.AddRange(Probe.Faults);
        problems.AddRange(Receiver.Rejections.Select(r => $"notification refused: {r}"));
        if (problems.Count > 0)
            throw new XunitException($"Something failed:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}{Environment.NewLine}{Diagnostics()}");
    }

    /// <summary>What the probe received and the hosts' last warnings, for failure messages.</summary>
    public string Diagnostics()
    {
        var logs = _hosts.SelectMany(h => h.Logs.Lines).Order(StringComparer.Ordinal).TakeLast(80);
        return string.Create(CultureInfo.InvariantCulture,
            $"Clock offset: {Clock.Offset}. The probe received:{Environment.NewLine}{Probe.Describe()}{Environment.NewLine}" +
            $"The hosts logged:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", logs)}");
    }

    public async ValueTask DisposeAsync()
    {
        List<ServiceHost> hosts;
        lock (_hosts)
            hosts = [.. _hosts];
        foreach (var host in Enumerable.Reverse(hosts))
        {
            try
            {
                await host.StopAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
            {
                // A host that cannot stop cleanly is disposed anyway; the virtual host and databases go below.
            }
        }

        await Probe.DisposeAsync();
        await Receiver.DisposeAsync();
        foreach (var database in _databases.Values)
            await database.DisposeAsync();
        await VirtualHost.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp directory.
        }
    }

    private ServiceHost Single(ServiceModule module) =>
        Running.LastOrDefault(h => h.Name == module.Name) ?? throw new InvalidOperationException($"No {module.Name} host is running.");
}
