using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Contracts.Deployments;
using Remediation.Decision.StateMachines;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.ServiceDefaults;

namespace Remediation.Decision.Tests.Support;

/// <summary>
/// The decision module as a host runs it — the saga stored in SQLite through the document repository, its timers on
/// the durable scheduler, the decision records — on MassTransit's in-memory transport with the test harness watching
/// the bus. Timers are shortened through the policy, never by sleeping.
/// </summary>
public sealed class DecisionHarness : IAsyncDisposable
{
    public const string OperatorToken = "operator-token-for-tests-0001";
    public const string ReaderToken = "reader-token-for-tests-00001";

    private readonly WebApplication _host;
    private readonly string _directory;

    private DecisionHarness(WebApplication host, string directory, ManualClock clock)
    {
        _host = host;
        _directory = directory;
        Clock = clock;
        Harness = host.Services.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public ManualClock Clock { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public IServiceProvider Services => _host.Services;

    /// <summary>An HTTP client on the decision API, authenticated with <paramref name="token"/> when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = _host.GetTestClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<DecisionHarness> StartAsync(string policyYaml, ExecutorScript? executor = null)
    {
        var directory = Directory.CreateTempSubdirectory("decision-tests-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Remediation:Persistence:Provider"] = "Sqlite",
            ["Remediation:Persistence:ConnectionString"] = $"Data Source={Path.Combine(directory, "decision.db")}",
            ["Remediation:Messaging:Transport"] = "InMemory",
            ["Remediation:Scheduling:MaxIdle"] = "00:00:00.200",
            ["Remediation:Auth:Tokens:0:Name"] = "alice",
            ["Remediation:Auth:Tokens:0:Token"] = OperatorToken,
            ["Remediation:Auth:Tokens:0:Roles:0"] = "operator",
            ["Remediation:Auth:Tokens:1:Name"] = "dashboard",
            ["Remediation:Auth:Tokens:1:Token"] = ReaderToken,
            ["Remediation:Auth:Tokens:1:Roles:0"] = "read",
        });
        var clock = new ManualClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(policyYaml));
        builder.AddDecision();

        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;
        if (executor is not null)
            builder.Services.AddSingleton(executor);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            if (executor is not null)
                bus.AddConsumer<ScriptedExecutor>();
            bus.AddRemediationBus(builder.Services, options);
        });
        builder.Services.Configure<TestHarnessOptions>(o =>
        {
            // The harness's own waits are not used (see Published and WaitForPublishedAsync); keep it alive for the test.
            o.TestTimeout = TimeSpan.FromMinutes(10);
            o.TestInactivityTimeout = TimeSpan.FromMinutes(10);
        });

        var host = builder.Build();
        host.MapDefaultEndpoints();
        host.MapDecision();
        await host.StartAsync();
        return new DecisionHarness(host, directory, clock);
    }

    /// <summary>
    /// Moves the clock (timers are due by the scheduler's clock) and wakes the scheduler. MassTransit stamps a timer's due
    /// time with the real clock when it is scheduled, so tests advance a little more than the timer's length.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        _host.Services.GetRequiredService<Remediation.Scheduling.SchedulerSignal>().Notify();
    }

    /// <summary>What was published of <typeparamref name="T"/> so far, without waiting (the harness's Select waits for a timeout).</summary>
    public IReadOnlyList<T> Published<T>()
        where T : class =>
        [.. Harness.Published.Select<T>(new CancellationToken(canceled: true)).Select(m => m.Context.Message)];

    /// <summary>Waits until a matching <typeparamref name="T"/> was published, or fails saying what was published.</summary>
    public async Task<T> WaitForPublishedAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var found = Published<T>().FirstOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null)
                return found;
            await Task.Delay(20);
        }

        var decisions = Published<Remediation.Contracts.Decisions.DecisionRecorded>().Select(d => $"{d.Rule}: {d.Reason}");
        throw new TimeoutException($"No matching {typeof(T).Name} was published. Decisions so far:{System.Environment.NewLine}" +
                                   string.Join(System.Environment.NewLine, decisions));
    }

    public Task Publish<T>(T message)
        where T : class =>
        Harness.Bus.Publish(message);

    public async Task<ServiceState?> LoadAsync(string environment, string service)
    {
        var sagas = _host.Services.GetRequiredService<ILoadSagaRepository<ServiceState>>();
        return await sagas.Load(ServiceStateMachine.Key(environment, service));
    }

    /// <summary>Waits until the service's saga is in <paramref name="state"/> (and the condition holds), or fails saying what it saw.</summary>
    public async Task<ServiceState> WaitForStateAsync(string environment, string service, string state, Func<ServiceState, bool>? condition = null,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        ServiceState? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await LoadAsync(environment, service);
            if (last is not null && last.CurrentState == state && (condition?.Invoke(last) ?? true))
                return last;
            await Task.Delay(20);
        }

        throw new TimeoutException($"{environment}/{service} did not reach {state}; last seen: {last?.CurrentState ?? "(no saga)"}, " +
                                   $"version {last?.CurrentVersion}, chain [{string.Join(", ", last?.Chain ?? [])}]");
    }

    /// <summary>Waits until the service's saga satisfies <paramref name="condition"/>, whatever its state.</summary>
    public async Task<ServiceState> WaitUntilAsync(string environment, string service, Func<ServiceState, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        ServiceState? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await LoadAsync(environment, service);
            if (last is not null && condition(last))
                return last;
            await Task.Delay(20);
        }

        throw new TimeoutException($"{environment}/{service}: no {what}; last seen: {last?.CurrentState ?? "(no saga)"}, version {last?.CurrentVersion}");
    }

    /// <summary>Records a deployment and, when <paramref name="soak"/>, waits until its verification period made it healthy.</summary>
    public async Task DeployAsync(string environment, string service, string version, DateTimeOffset? at = null, bool soak = false,
        bool irreversible = false)
    {
        var id = Guid.NewGuid();
        await Publish(new DeploymentRecorded
        {
            DeploymentId = id,
            Environment = environment,
            Service = service,
            Version = version,
            Revision = version.TrimStart('v'),
            Commit = $"c0ffee{version}",
            Author = "dev@example.com",
            Irreversible = irreversible,
            DeployedAt = at ?? Now,
            OccurredAt = Now,
        });
        await WaitUntilAsync(environment, service, s => s.Deployments.Exists(d => d.DeploymentId == id), $"deployment of {version} recorded");
        if (soak)
        {
            Advance(Policies.Long + TimeSpan.FromMinutes(1));
            await WaitForStateAsync(environment, service, "Healthy",
                s => s.CurrentVersion == version && s.Versions.GetValueOrDefault(version)?.Verdict == HealthVerdict.Healthy);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp directory is cleaned by the OS.
        }
    }
}
