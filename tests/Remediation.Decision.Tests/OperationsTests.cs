using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class OperationsTests
{
    [Fact]
    public async Task Operator_approves_a_held_rollback_over_http_and_the_decision_names_them()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout", approval: "manual"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");
        await test.Publish(Signals.Anomaly(Prod, "checkout"));
        var approval = await test.WaitForPublishedAsync<ApprovalRequested>();
        await test.WaitForStateAsync(Prod, "checkout", "AwaitingApproval");

        using var response = await test.Client(DecisionHarness.OperatorToken).PostAsJsonAsync(
            $"/api/decision/services/{Prod}/checkout/approvals/{approval.ApprovalId}", new { approved = true, comment = "go" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var decided = await test.WaitForPublishedAsync<ApprovalDecided>();
        Assert.Equal(("alice", true, "go"), (decided.DecidedBy, decided.Approved, decided.Comment));
        await test.WaitForPublishedAsync<RollbackRequested>();
    }

    [Fact]
    public async Task Operator_rolls_back_to_a_chosen_version_and_the_records_say_who()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart"), new ExecutorScript());
        await test.DeployAsync(Prod, "cart", "v1", at: test.Now.AddHours(-5), soak: true);
        await test.DeployAsync(Prod, "cart", "v2", at: test.Now.AddHours(-4));

        using var response = await test.Client(DecisionHarness.OperatorToken).PostAsJsonAsync(
            $"/api/decision/services/{Prod}/cart/rollback", new { toVersion = "v1", reason = "customer reports" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = await test.WaitForPublishedAsync<RollbackRequested>();
        Assert.Equal(("v2", "v1", "alice"), (request.FromVersion, request.ToVersion, request.RequestedBy));
        var decision = test.Published<DecisionRecorded>().Single(d => d.Rule == "manual.rollback");
        Assert.Equal("alice", decision.DecidedBy);
        Assert.Contains("customer reports", decision.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "cart", "Verifying");

        // Records are stored by their own consumer; read until it has caught up.
        var reader = test.Client(DecisionHarness.ReaderToken);
        List<JsonElement> stored = [];
        for (var attempt = 0; attempt < 500 && !stored.Exists(d => d.GetProperty("rule").GetString() == "verify.start"); attempt++)
        {
            using var records = await reader.GetAsync($"/api/decision/records?incidentId={request.IncidentId}");
            Assert.Equal(HttpStatusCode.OK, records.StatusCode);
            stored = (await records.Content.ReadFromJsonAsync<List<JsonElement>>())!;
            await Task.Delay(20);
        }

        Assert.Contains(stored, d => d.GetProperty("rule").GetString() == "manual.rollback" && d.GetProperty("decidedBy").GetString() == "alice");
        Assert.Contains(stored, d => d.GetProperty("rule").GetString() == "verify.start");
    }

    [Fact]
    public async Task Operator_resumes_automation_after_an_escalation()
    {
        await using var test = await DecisionHarness.StartAsync(For("search"), new ExecutorScript());
        await test.DeployAsync(Prod, "search", "v1");
        await test.DeployAsync(Prod, "search", "v2");
        await test.Publish(Signals.Anomaly(Prod, "search"));
        await test.WaitForStateAsync(Prod, "search", "Escalated");

        using var response = await test.Client(DecisionHarness.OperatorToken).PostAsJsonAsync(
            $"/api/decision/services/{Prod}/search/resume", new { reason = "fixed forward in v3" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal("manual", resolved.Resolution);
        await test.WaitForStateAsync(Prod, "search", "Healthy", s => s.IncidentId is null);
        Assert.Contains(test.Published<DecisionRecorded>(), d => d.Rule == "manual.resume" && d.DecidedBy == "alice");
    }

    [Fact]
    public async Task Operator_overrides_the_cooldown_once_and_the_next_anomaly_acts()
    {
        await using var test = await DecisionHarness.StartAsync(For("ledger"), new ExecutorScript());
        await test.DeployAsync(Prod, "ledger", "v0", soak: true);
        await test.DeployAsync(Prod, "ledger", "v1", soak: true);
        await test.DeployAsync(Prod, "ledger", "v2");
        var anomaly = Signals.Anomaly(Prod, "ledger");
        await test.Publish(anomaly);
        await test.WaitForStateAsync(Prod, "ledger", "Verifying");
        await test.Publish(Signals.Cleared(Prod, "ledger", anomaly.AnomalyId));
        await test.WaitForStateAsync(Prod, "ledger", "CoolingDown");

        using var response = await test.Client(DecisionHarness.OperatorToken).PostAsync($"/api/decision/services/{Prod}/ledger/override-cooldown", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await test.WaitForStateAsync(Prod, "ledger", "CoolingDown", s => s.CooldownOverride);

        // v1 is now the running version; it came from a rollback, so a new anomaly goes to the runbook path (here: notify).
        await test.Publish(Signals.Anomaly(Prod, "ledger"));

        var decision = await test.WaitForPublishedAsync<DecisionRecorded>(d => d.Rule == "notify.outside-window");
        Assert.Contains("came from a rollback", decision.Reason, StringComparison.Ordinal);
        Assert.Empty(test.Published<IncidentEscalated>());
        var state = await test.WaitForStateAsync(Prod, "ledger", "Healthy", s => !s.CooldownOverride);
        Assert.Null(state.CooldownTokenId);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(DecisionHarness.ReaderToken, HttpStatusCode.Forbidden)]
    [InlineData("not-a-valid-token-at-all", HttpStatusCode.Unauthorized)]
    public async Task Operations_refuse_callers_who_are_not_operators(string? token, HttpStatusCode expected)
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"));

        using var response = await test.Client(token).PostAsJsonAsync($"/api/decision/services/{Prod}/checkout/rollback", new { toVersion = "v1" });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/rollback", "{}", HttpStatusCode.BadRequest, "missing-version")]
    [InlineData("/rollback", "{ not json", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("/resume", "{}", HttpStatusCode.NotFound, "unknown-service")]
    [InlineData("/override-cooldown", "{}", HttpStatusCode.NotFound, "unknown-service")]
    public async Task Bad_operations_answer_a_problem_that_names_it(string path, string body, HttpStatusCode expected, string code)
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"));

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await test.Client(DecisionHarness.OperatorToken).PostAsync($"/api/decision/services/{Prod}/checkout{path}", content);

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Empty(test.Published<Remediation.Contracts.Operations.RequestManualRollback>());
    }

    [Fact]
    public async Task Approving_something_that_is_not_waiting_is_a_conflict()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1");

        using var response = await test.Client(DecisionHarness.OperatorToken).PostAsJsonAsync(
            $"/api/decision/services/{Prod}/checkout/approvals/{Guid.NewGuid()}", new { approved = true });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(test.Published<ApprovalDecided>());
    }

    [Fact]
    public async Task Service_state_is_readable_with_its_versions_and_history()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");

        var view = await test.Client(DecisionHarness.ReaderToken).GetFromJsonAsync<JsonElement>($"/api/decision/services/{Prod}/checkout");

        Assert.Equal("Healthy", view.GetProperty("state").GetString());
        Assert.Equal("v2", view.GetProperty("currentVersion").GetString());
        Assert.Equal("Healthy", view.GetProperty("versions").GetProperty("v1").GetProperty("verdict").GetString());
        Assert.Equal(2, view.GetProperty("deployments").GetArrayLength());
    }
}
