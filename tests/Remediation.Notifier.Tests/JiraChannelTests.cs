using System.Text.Json.Nodes;
using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class JiraChannelTests
{
    [Fact]
    public async Task An_incident_creates_one_issue_and_every_later_event_comments_on_it()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("jira"));
        var story = new IncidentStory();

        await host.PublishAsync([.. story.All()]);
        await host.WaitUntilSettledAsync(5);

        Assert.Empty(bench.Jira.Rejections);
        var issue = Assert.Single(bench.Jira.Issues.Values);
        Assert.StartsWith("checkout (production): incident opened", issue.Summary, StringComparison.Ordinal);
        Assert.Contains("error_rate 0.12 > 0.05", issue.Description, StringComparison.Ordinal);
        Assert.Equal(4, issue.Comments.Count);
        Assert.Contains(issue.Comments, c => c.Contains(IncidentStory.RollbackReason, StringComparison.Ordinal));

        var reference = await host.QueryAsync(db => Task.FromResult(db.References.Single()));
        Assert.Equal(issue.Key, reference.ExternalId);
        Assert.Equal($"{bench.Jira.BaseUrl}/browse/{issue.Key}", reference.Url);
    }

    [Fact]
    public async Task Api_version_3_sends_Atlassian_documents_and_the_resolution_moves_the_issue()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("jira");
        settings["Remediation:Notifier:Channels:jira:ApiVersion"] = "3";
        settings["Remediation:Notifier:Channels:jira:ResolveTransitionId"] = JiraReceiver.DoneTransition;
        await using var host = await NotifierTestHost.StartAsync(settings);
        var story = new IncidentStory();

        await host.PublishAsync([.. story.All()]);
        await host.WaitUntilSettledAsync(5);

        Assert.Empty(bench.Jira.Rejections);
        Assert.All(bench.Jira.Requests, r => Assert.StartsWith("/rest/api/3/", r.Path, StringComparison.Ordinal));
        var issue = Assert.Single(bench.Jira.Issues.Values);
        Assert.Equal("doc", JsonNode.Parse(issue.Description)!["type"]!.GetValue<string>());
        Assert.Equal("Done", issue.Status);
        Assert.EndsWith("/transitions", bench.Jira.Requests[^1].Path, StringComparison.Ordinal);
    }
}
