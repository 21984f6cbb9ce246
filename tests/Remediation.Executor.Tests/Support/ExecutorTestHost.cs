using System.Globalization;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Remediation.Executor.Requests;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.Testing;

namespace Remediation.Executor.Tests.Support;

/// <summary>
/// A host running the executor module as a service host does (options validated at start, SQLite ledger created at
/// start), with the policy given in YAML and MassTransit's test harness as the bus.
/// </summary>
internal sealed class ExecutorTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ExecutorTestHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public RequestExecutor Executor => Services.GetRequiredService<RequestExecutor>();

    public RequestLedger Ledger => Services.GetRequiredService<RequestLedger>();

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>Settings every test host shares: fast polling, short leases, a SQLite file for the ledger.</summary>
    public static Dictionary<string, string?> Settings(string databaseFile) => new()
    {
        ["Remediation:Persistence:Provider"] = "Sqlite",
        ["Remediation:Persistence:ConnectionString"] = $"Data Source={databaseFile}",
        ["Remediation:Executor:LeaseDuration"] = "00:00:03",
        ["Remediation:Executor:BusyPollInterval"] = "00:00:00.050",
        ["Remediation:Executor:Kubernetes:PollInterval"] = "00:00:00.050",
        ["Remediation:Executor:Kubernetes:RetryDelay"] = "00:00:00.020",
        ["Remediation:Executor:Haproxy:PollInterval"] = "00:00:00.050",
        ["Remediation:Executor:Webhook:BaseDelay"] = "00:00:00.050",
        ["Remediation:Executor:Webhook:MaxDelay"] = "00:00:02",
    };

    public static async Task<ExecutorTestHost> StartAsync(string policyYaml, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(policyYaml));
        configure?.Invoke(builder.Services);
        builder.AddExecutor();
        builder.Services.AddMassTransitTestHarness(bus => bus.AddBusModules(builder.Services));
        var host = builder.Build();
        await host.StartAsync();
        return new ExecutorTestHost(host);
    }

    public async Task<ExecutorRequest?> RequestAsync(Guid requestId) => await Ledger.FindAsync(requestId, CancellationToken.None);

    /// <summary>Waits until the harness has seen <paramref name="count"/> published messages of type T that match.</summary>
    public async Task<IReadOnlyList<T>> PublishedAsync<T>(Func<T, bool> match, int count = 1)
        where T : class
    {
        return await Eventually.UntilAsync(
            () => Task.FromResult<IReadOnlyList<T>>([.. Harness.Published.Select<T>().Select(m => m.Context.Message).Where(match)]),
            found => found.Count >= count, TimeSpan.FromSeconds(60), $"{count} published {typeof(T).Name}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            if (_host is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
            else
                _host.Dispose();
        }
    }

    public static string Seconds(double seconds) => TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
}
