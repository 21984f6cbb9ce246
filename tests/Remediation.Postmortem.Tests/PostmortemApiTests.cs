using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Remediation.Contracts.Incidents;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// Three incidents published on the bus — checkout resolved after a fallback, payments escalated, search still open —
/// then read through the HTTP API.
/// </summary>
public sealed class PostmortemApiTests(PostmortemApiTests.Incidents incidents) : IClassFixture<PostmortemApiTests.Incidents>
{
    public sealed class Incidents : IAsyncLifetime
    {
        public Ids Checkout { get; } = new();
        public Ids Payments { get; } = new() { Service = "payments" };
        public Ids Search { get; } = new() { Service = "search" };
        public PostmortemHarness Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await PostmortemHarness.StartAsync();
            await Host.PublishAllAsync(Fallback(Checkout));
            await Host.PublishAllAsync(Escalated(Payments));
            // search: opened a day later, still open (no rollback yet).
            await Host.PublishAllAsync(Fallback(Search).Take(6).Select(m => m is IncidentOpened o ? o with { OpenedAt = o.OpenedAt.AddDays(1) } : m));
            await Host.WaitForReportAsync(Checkout.Incident);
            await Host.WaitForReportAsync(Payments.Incident);
            await Wait.UntilAsync(async () => (await Host.Queries.GetAsync(Search.Incident, CancellationToken.None))?.Timeline.Count == 4,
                "the open search incident's timeline", Host.Faults);
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? parameter = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (parameter is not null)
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private static IEnumerable<string> Services(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("service").GetString()!);

    [Fact]
    public async Task Incidents_are_listed_newest_first_with_their_numbers()
    {
        var page = await JsonAsync(await incidents.Host.Client().GetAsync("/api/incidents"));

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal("search", Services(page).First());
        var checkout = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("service").GetString() == "checkout");
        Assert.Equal("resolved", checkout.GetProperty("state").GetString());
        Assert.Equal("major", checkout.GetProperty("severity").GetString());
        Assert.Equal(190, checkout.GetProperty("timeToDetect").GetDouble());
        Assert.Equal(720, checkout.GetProperty("timeToRecover").GetDouble());
        Assert.Equal(["v2", "v1", "v0"], checkout.GetProperty("chain").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal($"/api/incidents/{incidents.Checkout.Incident}/report", checkout.GetProperty("report").GetString());
    }

    [Theory]
    [InlineData("?service=payments", new[] { "payments" })]
    [InlineData("?service=CheckOut&environment=Production", new[] { "checkout" })]
    [InlineData("?environment=staging", new string[0])]
    [InlineData("?state=escalated", new[] { "payments" })]
    [InlineData("?state=open", new[] { "search" })]
    [InlineData("?from=2024-05-03T00:00:00Z", new[] { "search" })]
    [InlineData("?to=2024-05-02T23:00:00%2B02:00", new[] { "checkout", "payments" })]
    [InlineData("?from=2024-05-02T10:00:00Z&to=2024-05-02T10:10:00Z&state=resolved", new[] { "checkout" })]
    public async Task Incidents_are_filtered_by_service_environment_state_and_time(string query, string[] expected)
    {
        var page = await JsonAsync(await incidents.Host.Client().GetAsync("/api/incidents" + query));

        Assert.Equal(expected.Order(), Services(page).Order());
        Assert.Equal(expected.Length, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Incidents_are_paged()
    {
        var client = incidents.Host.Client();

        var first = await JsonAsync(await client.GetAsync("/api/incidents?pageSize=2"));
        var second = await JsonAsync(await client.GetAsync("/api/incidents?pageSize=2&page=2"));

        Assert.Equal((1, 2, 3), (first.GetProperty("page").GetInt32(), first.GetProperty("pageSize").GetInt32(), first.GetProperty("total").GetInt32()));
        Assert.Equal(2, Services(first).Count());
        Assert.Single(Services(second));
        Assert.Equal(["checkout", "payments", "search"], Services(first).Concat(Services(second)).Order());
    }

    [Theory]
    [InlineData("?state=closed", "state")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2024-13-01T00:00:00Z", "to")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=1000", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?service=", "service")]
    [InlineData("?service=a&service=b", "service")]
    [InlineData("?from=2024-05-03T00:00:00Z&to=2024-05-02T00:00:00Z", "from")]
    [InlineData("?enviroment=production", "enviroment")]
    public async Task Bad_list_parameters_get_a_400_naming_the_parameter(string query, string parameter)
    {
        var response = await incidents.Host.Client().GetAsync("/api/incidents" + query);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, parameter == "enviroment" ? "unknown-parameter" : "invalid-parameter", parameter);
    }

    [Fact]
    public async Task One_incident_comes_with_its_timeline_and_each_message_as_recorded()
    {
        var detail = await JsonAsync(await incidents.Host.Client().GetAsync($"/api/incidents/{incidents.Checkout.Incident}"));

        Assert.Equal("resolved", detail.GetProperty("incident").GetProperty("state").GetString());
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(14, timeline.Count);
        Assert.Equal("DeploymentRecorded", timeline[0].GetProperty("type").GetString());
        Assert.Equal("IncidentResolved", timeline[^1].GetProperty("type").GetString());
        var fallback = timeline.Single(t => t.GetProperty("summary").GetString()!.Contains("rollback.fallback", StringComparison.Ordinal));
        Assert.Equal("time", fallback.GetProperty("attachedBy").GetString());
        Assert.Equal("v0", fallback.GetProperty("detail").GetProperty("targetVersion").GetString());
    }

    [Fact]
    public async Task Report_is_Markdown_by_default_and_on_format_md()
    {
        var client = incidents.Host.Client();

        foreach (var url in new[] { $"/api/incidents/{incidents.Checkout.Incident}/report", $"/api/incidents/{incidents.Checkout.Incident}/report?format=md" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
            var markdown = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("# Postmortem: checkout in production: v2 rolled back to v0, resolved", markdown, StringComparison.Ordinal);
            Assert.Contains("## Preventive actions", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Report_is_JSON_on_format_json_or_when_the_caller_accepts_JSON()
    {
        var client = incidents.Host.Client();
        var byFormat = await JsonAsync(await client.GetAsync($"/api/incidents/{incidents.Payments.Incident}/report?format=json"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{incidents.Payments.Incident}/report");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var byAccept = await JsonAsync(response);
        Assert.Equal(byFormat.GetRawText(), byAccept.GetRawText());
        Assert.Equal("escalated", byFormat.GetProperty("state").GetString());
        Assert.Equal("rollback-failed", byFormat.GetProperty("outcome").GetProperty("reasonCode").GetString());
        Assert.Equal(176, byFormat.GetProperty("timings").GetProperty("timeToEscalate").GetDouble());
        Assert.Equal(["v2", "v1"], byFormat.GetProperty("rollback").GetProperty("chain").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Report_of_an_open_incident_is_a_draft()
    {
        var response = await incidents.Host.Client().GetAsync($"/api/incidents/{incidents.Search.Incident}/report?format=json");

        var report = await JsonAsync(response);
        Assert.True(report.GetProperty("draft").GetBoolean());
        Assert.Equal("open", report.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unknown_incident_is_a_404_and_a_malformed_id_a_400()
    {
        var client = incidents.Host.Client();

        await AssertProblemAsync(await client.GetAsync($"/api/incidents/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "incident-not-found");
        await AssertProblemAsync(await client.GetAsync($"/api/incidents/{Guid.NewGuid()}/report"), HttpStatusCode.NotFound, "incident-not-found");
        await AssertProblemAsync(await client.GetAsync("/api/incidents/INC-42"), HttpStatusCode.BadRequest, "invalid-parameter", "id");
        await AssertProblemAsync(await client.GetAsync($"/api/incidents/{incidents.Checkout.Incident}/report?format=pdf"), HttpStatusCode.BadRequest, "invalid-parameter", "format");
    }

    [Fact]
    public async Task Statistics_count_deployments_failures_incidents_rollbacks_and_mean_times()
    {
        var stats = await JsonAsync(await incidents.Host.Client().GetAsync("/api/stats?to=2024-05-02T23:59:59Z"));

        Assert.Equal(9, stats.GetProperty("deployments").GetInt32());
        Assert.Equal(2, stats.GetProperty("failedDeployments").GetInt32());
        Assert.Equal(0.2222, stats.GetProperty("changeFailureRate").GetDouble());
        Assert.Equal((2, 1, 1), (stats.GetProperty("incidents").GetInt32(), stats.GetProperty("resolvedIncidents").GetInt32(), stats.GetProperty("escalatedIncidents").GetInt32()));
        Assert.Equal((4, 1), (stats.GetProperty("rollbacks").GetInt32(), stats.GetProperty("failedRollbacks").GetInt32()));
        Assert.Equal(190, stats.GetProperty("meanTimeToDetect").GetDouble());
        Assert.Equal(2, stats.GetProperty("meanTimeToAct").GetDouble());
        Assert.Equal(720, stats.GetProperty("meanTimeToRecover").GetDouble());
        Assert.Equal(["checkout", "payments", "search"], stats.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("service").GetString()));
    }

    [Fact]
    public async Task Statistics_of_one_service()
    {
        var stats = await JsonAsync(await incidents.Host.Client().GetAsync("/api/stats/services/production/checkout"));

        Assert.Equal(("production", "checkout"), (stats.GetProperty("environment").GetString(), stats.GetProperty("service").GetString()));
        Assert.Equal((3, 1, 0.3333), (stats.GetProperty("deployments").GetInt32(), stats.GetProperty("failedDeployments").GetInt32(), stats.GetProperty("changeFailureRate").GetDouble()));
        Assert.Equal((1, 2), (stats.GetProperty("incidents").GetInt32(), stats.GetProperty("rollbacks").GetInt32()));
        Assert.Equal(720, stats.GetProperty("meanTimeToRecover").GetDouble());
        Assert.False(stats.TryGetProperty("services", out _));
    }

    [Fact]
    public async Task Statistics_answer_bad_parameters_and_unknown_services_with_problems()
    {
        var client = incidents.Host.Client();

        await AssertProblemAsync(await client.GetAsync("/api/stats?from=last-week"), HttpStatusCode.BadRequest, "invalid-parameter", "from");
        await AssertProblemAsync(await client.GetAsync("/api/stats/services/production/checkout?service=x"), HttpStatusCode.BadRequest, "unknown-parameter", "service");
        await AssertProblemAsync(await client.GetAsync("/api/stats/services/production/nothing-here"), HttpStatusCode.NotFound, "service-not-found");
    }

    [Theory]
    [InlineData("/api/incidents")]
    [InlineData("/api/stats")]
    public async Task Callers_need_a_token_with_the_read_role(string url)
    {
        await AssertProblemAsync(await incidents.Host.Client(token: null).GetAsync(url), HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertProblemAsync(await incidents.Host.Client(PostmortemHarness.IngestToken).GetAsync(url), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await incidents.Host.Client("not-a-valid-token-at-all").GetAsync(url), HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
