using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Tests.Support;
using Answer = Remediation.Executor.Tests.Support.WebhookReceiver.Answer;

namespace Remediation.Executor.Tests;

/// <summary>The CD webhook driver against a local HTTP receiver.</summary>
public sealed class WebhookDriverTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "Bearer cd-token-0123456789abcdef";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly CapturedLogs _logs = new();
    private readonly List<ExecutorTestHost> _hosts = [];
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose()
    {
        _logs.Dispose();
        _temp.Dispose();
    }

    private async Task<ExecutorTestHost> ExecutorAsync(string extraTarget = "", bool credential = true)
    {
        var settings = ExecutorTestHost.Settings(_temp.File("executor.db"));
        settings["Remediation:Executor:Webhook:MaxAttempts"] = "3";
        if (credential)
        {
            settings["Remediation:Executor:Credentials:argocd:Header"] = "Authorization";
            settings["Remediation:Executor:Credentials:argocd:Value"] = Secret;
        }

        var host = await ExecutorTestHost.StartAsync($$"""
            services:
              - name: checkout
                environment: production
                target:
                  driver: webhook
                  url: "{{_receiver.Url}}?token=query-secret"
                  credential: argocd
            {{extraTarget}}
            """, settings, services => services.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace)));
        _hosts.Add(host);
        return host;
    }

    [Fact]
    public async Task The_template_is_filled_with_JSON_escaped_values_and_sent_with_the_credential_and_idempotency_key()
    {
        var host = await ExecutorAsync("""
                  template: '{"app": "{{service}}", "env": "{{environment}}", "revision": "{{to_revision}}", "why": "{{reason}}", "id": "{{request_id}}"}'
            """);
        var request = Messages.Rollback("v1", toRevision: "7") with { Reason = "error rate \"12%\"\nafter deploy\\v2" };

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(request, None));

        var call = Assert.Single(_receiver.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(Secret, call.Headers["Authorization"]);
        Assert.Equal(request.RequestId.ToString(), call.Headers["Idempotency-Key"]);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal(("checkout", "production", "7", request.Reason, request.RequestId.ToString()),
            ((string?)body["app"], (string?)body["env"], (string?)body["revision"], (string?)body["why"], (string?)body["id"]));
        Assert.Equal(("v2", "v1", "webhook", false), (completed.FromVersion, completed.ToVersion, completed.Driver, completed.AlreadyAtTarget));
        Assert.Contains("202", completed.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", completed.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_template_a_default_document_describes_the_rollback()
    {
        var host = await ExecutorAsync();
        var request = Messages.Rollback("v1", toRevision: "3");

        Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(request, None));

        var body = JsonNode.Parse(Assert.Single(_receiver.Calls).Body)!;
        Assert.Equal(("rollback", "checkout", "v2", "v1", "3"),
            ((string?)body["event"], (string?)body["service"], (string?)body["from_version"], (string?)body["to_version"], (string?)body["to_revision"]));
    }

    [Fact]
    public async Task A_503_is_retried_after_its_Retry_After_and_then_succeeds()
    {
        var host = await ExecutorAsync();
        _receiver.Script(new Answer(503, "busy", RetryAfter: "1"), new Answer(503, "still busy"));

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal(3, _receiver.Calls.Count);
        Assert.Contains("after 3 call(s)", completed.Details, StringComparison.Ordinal);
        Assert.Single(_receiver.Calls.Select(c => c.Headers["Idempotency-Key"]).Distinct());
    }

    [Fact]
    public async Task A_429_and_a_timeout_are_retried()
    {
        var host = await ExecutorAsync("      timeout: 300ms");
        _receiver.Script(new Answer(429, "slow down"), new Answer(202, Delay: TimeSpan.FromSeconds(5)));

        Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal(3, _receiver.Calls.Count);
    }

    [Fact]
    public async Task A_400_fails_at_once_with_the_answers_text()
    {
        var host = await ExecutorAsync();
        _receiver.Script(new Answer(400, "application 'checkout' has no revision 9"));

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal("target-rejected", failed.ReasonCode);
        Assert.Contains("400", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("application 'checkout' has no revision 9", failed.Reason, StringComparison.Ordinal);
        Assert.Single(_receiver.Calls);
    }

    [Fact]
    public async Task A_target_that_keeps_failing_fails_with_target_unavailable_after_the_attempts()
    {
        var host = await ExecutorAsync();
        _receiver.Script(new Answer(502, "bad gateway"), new Answer(502, "bad gateway"), new Answer(502, "bad gateway"));

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal("target-unavailable", failed.ReasonCode);
        Assert.Equal(3, _receiver.Calls.Count);
    }

    [Fact]
    public async Task A_credential_missing_from_the_configuration_fails_without_calling()
    {
        var host = await ExecutorAsync(credential: false);

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal("configuration", failed.ReasonCode);
        Assert.Contains("argocd", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(_receiver.Calls);
    }

    [Fact]
    public async Task The_credential_and_the_urls_query_never_reach_the_logs()
    {
        var host = await ExecutorAsync();
        _receiver.Script(new Answer(503, "busy"), new Answer(400, "no"));

        Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));
        Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains("cd-token", StringComparison.Ordinal) || line.Contains("query-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_whose_earlier_attempt_called_the_webhook_and_died_is_not_called_again()
    {
        var host = await ExecutorAsync();
        var request = Messages.Rollback("v1");
        var dead = await host.Ledger.ClaimAsync(Messages.Row(request), None);
        await host.Ledger.MarkActedAsync(request.RequestId, dead.Owner, None);

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(request, None));

        Assert.Equal("outcome-unknown", failed.ReasonCode);
        Assert.Empty(_receiver.Calls);
    }

    [Fact]
    public async Task A_runbook_action_is_handed_to_the_CD_system_with_its_name()
    {
        var host = await ExecutorAsync("""
                  template: '{"action": "{{action}}", "service": "{{service}}"}'
            """);

        Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(Messages.Remediation("restart"), None));

        Assert.Equal("restart", (string?)JsonNode.Parse(Assert.Single(_receiver.Calls).Body)!["action"]);
    }
}
