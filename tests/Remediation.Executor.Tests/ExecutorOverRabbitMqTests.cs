using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Tests.Support;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.Testing;

namespace Remediation.Executor.Tests;

/// <summary>
/// The executor's consumers on their production footing: requests over a real RabbitMQ, the request ledger in a real
/// PostgreSQL, a CD system's webhook as the target. However often a request is delivered, and to however many executor
/// hosts, the CD system is called once and every delivery is answered with the same outcome.
/// </summary>
public sealed class ExecutorOverRabbitMqTests : IAsyncLifetime
{
    private RabbitMqVirtualHost _virtualHost = null!;
    private PostgresDatabase _database = null!;
    private HeldWebhook _webhook = null!;
    private OutcomeProbe _probe = null!;
    private readonly List<IHost> _hosts = [];

    public async Task InitializeAsync()
    {
        _virtualHost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        _database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("executor");
        _webhook = await HeldWebhook.StartAsync();
        _probe = await OutcomeProbe.StartAsync(_virtualHost);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.StopAndDisposeAsync();
        await _probe.DisposeAsync();
        await _webhook.DisposeAsync();
        await _database.DisposeAsync();
        await _virtualHost.DisposeAsync();
    }

    private async Task<IHost> StartExecutorAsync()
    {
        // A bus sets MassTransit's async-local log context only when it is empty: start from a clean one.
        MassTransit.LogContext.Current = null;
        var configuration = TestConfiguration.Create()
            .Add(_virtualHost.Configuration)
            .Add(_database.Configuration)
            .Add("Remediation:Executor:LeaseDuration", "00:00:10")
            .Add("Remediation:Executor:BusyPollInterval", "00:00:00.050")
            .Build();
        var policy = StaticPolicyProvider.FromYaml($"""
            services:
              - name: checkout
                environment: production
                target: {"{"} driver: webhook, url: "{_webhook.Url}", timeout: 60s {"}"}
            """);
        var host = await TestHost.StartAsync(configuration, builder =>
        {
            builder.Services.AddSingleton<IPolicyProvider>(policy);
            builder.AddExecutor();
            builder.Services.AddRemediationMessaging(builder.Configuration);
        });
        _hosts.Add(host);
        return host;
    }

    private async Task<(long Rows, int Attempts)> LedgerAsync(Guid requestId)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(MAX(attempts), 0) FROM executor_requests WHERE request_id = @id";
        command.Parameters.AddWithValue("id", requestId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    [Fact]
    public async Task A_RollbackRequested_delivered_twice_at_once_and_again_later_acts_once_and_answers_every_delivery_alike()
    {
        var executor = await StartExecutorAsync();
        var counter = DeliveryCounter.Attach(executor);
        var request = Messages.Rollback("v1");

        await Task.WhenAll(_probe.PublishAsync(request), _probe.PublishAsync(request));
        await Eventually.UntilAsync(() => counter.Started == 2 && _webhook.Calls == 1, Eventually.DefaultTimeout,
            "both copies taken while the first one's call to the CD system is held");
        _webhook.Release();
        var answers = await _probe.CompletedAsync(request.RequestId, 2);

        await _probe.PublishAsync(request);
        answers = await _probe.CompletedAsync(request.RequestId, 3);

        Assert.Equal(1, _webhook.Calls);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(("webhook", "v1"), (answers[0].Driver, answers[0].ToVersion));
        Assert.Equal((1L, 1), await LedgerAsync(request.RequestId));
        Assert.Empty(_probe.All<RollbackFailed>());
        Assert.Empty(_probe.All<MassTransit.Fault<RollbackRequested>>());
        Assert.Equal(0u, await _virtualHost.CountMessagesAsync("executor_error") ?? 0);
    }

    [Fact]
    public async Task Two_executor_hosts_racing_on_one_request_act_once()
    {
        var hosts = new[] { await StartExecutorAsync(), await StartExecutorAsync() };
        var counters = hosts.Select(DeliveryCounter.Attach).ToList();
        var request = Messages.Rollback("v1");

        // Four copies on the queue the two hosts share: the broker hands them out round-robin.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _probe.PublishAsync(request)));
        await Eventually.UntilAsync(() => counters.Sum(c => c.Started) == 4 && _webhook.Calls == 1, Eventually.DefaultTimeout,
            "every copy taken while the first one's call to the CD system is held");
        Assert.All(counters, c => Assert.True(c.Started > 0,
            "One host took every copy: the test did not race two executors and proves less than it claims."));
        _webhook.Release();
        var answers = await _probe.CompletedAsync(request.RequestId, 4);

        Assert.Equal(1, _webhook.Calls);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal((1L, 1), await LedgerAsync(request.RequestId));
        Assert.Empty(_probe.All<RollbackFailed>());
        Assert.Empty(_probe.All<MassTransit.Fault<RollbackRequested>>());
        Assert.Equal(0u, await _virtualHost.CountMessagesAsync("executor_error") ?? 0);
    }
}
