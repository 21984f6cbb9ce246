using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Remediation.Notifier.Api;

namespace Remediation.Notifier.Tests;

public sealed class NotificationsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static HttpRequestMessage Get(string url, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Notifications_of_an_incident_are_listed_with_every_attempt_and_the_tool_references()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack", "jira"));
        var story = new IncidentStory();
        bench.Slack.AnswerNext(_ => Receivers.Answers.Status(502, "bad gateway"));

        await host.PublishAsync(story.Opened(), story.RollbackRequested());
        await host.WaitUntilSettledAsync(4);
        using var response = await host.Client.SendAsync(Get($"/api/notifications?incidentId={story.IncidentId}", NotifierTestHost.ReaderToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonSerializer.Deserialize<NotificationsResponse>(await response.Content.ReadAsStringAsync(), Json)!;
        Assert.Equal(story.IncidentId, body.IncidentId);
        Assert.Equal(["jira:IncidentOpened", "jira:RollbackRequested", "slack:IncidentOpened", "slack:RollbackRequested"],
            body.Notifications.Select(n => $"{n.Channel}:{n.Event}"));
        Assert.All(body.Notifications, n => Assert.Equal("delivered", n.Status));
        var slackOpened = body.Notifications[2];
        Assert.Equal([502, 200], slackOpened.AttemptLog.Select(a => a.HttpStatus ?? 0));
        Assert.Equal("bad gateway", slackOpened.AttemptLog[0].Error);
        Assert.StartsWith("checkout (production): incident opened", slackOpened.Title, StringComparison.Ordinal);
        Assert.Equal("OPS-1", body.Notifications[0].Reference?.ExternalId);
    }

    [Fact]
    public async Task Without_credentials_the_answer_is_401_and_without_the_read_role_403()
    {
        await using var host = await NotifierTestHost.StartAsync(new Dictionary<string, string?>());

        using var anonymous = await host.Client.SendAsync(Get("/api/notifications", null));
        using var ingest = await host.Client.SendAsync(Get("/api/notifications", NotifierTestHost.IngestToken));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
    }

    [Theory]
    [InlineData("incidentId=not-a-guid", "invalid-incident-id")]
    [InlineData("status=sent", "invalid-status")]
    [InlineData("status=1", "invalid-status")]
    [InlineData("limit=0", "invalid-limit")]
    [InlineData("limit=many", "invalid-limit")]
    public async Task A_bad_parameter_gets_a_400_problem_naming_it(string query, string code)
    {
        await using var host = await NotifierTestHost.StartAsync(new Dictionary<string, string?>());

        using var response = await host.Client.SendAsync(Get($"/api/notifications?{query}", NotifierTestHost.ReaderToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }
}
