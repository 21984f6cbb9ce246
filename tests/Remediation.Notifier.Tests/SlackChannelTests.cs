using System.Text.Json.Nodes;
using Remediation.Notifier.Channels.Slack;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class SlackChannelTests
{
    [Fact]
    public async Task Every_event_of_an_incident_reaches_Slack_as_block_kit_with_a_text_fallback()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack"));
        var story = new IncidentStory();

        await host.PublishAsync([.. story.All()]);
        await host.WaitUntilSettledAsync(5);

        Assert.Empty(bench.Slack.Rejections);
        var messages = bench.Slack.Accepted.Select(r => r.Json!.AsObject()).ToList();
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m["text"]!.GetValue<string>()));
            Assert.Equal("header", m["blocks"]![0]!["type"]!.GetValue<string>());
        });
        var all = string.Join('\n', bench.Slack.Accepted.Select(r => r.Body));
        Assert.Contains(SlackMessage.Escape(IncidentStory.RollbackReason), all);
        Assert.Contains("rolling back v2 → v1", all);
        Assert.Contains("error_rate 0.12 &gt; 0.05 (alertmanager, 5m)", all);
        Assert.All(await host.NotificationsAsync(), n => Assert.Equal(NotificationStatus.Delivered, n.Status));
    }

    [Fact]
    public async Task Slack_error_text_is_recorded_and_a_refused_message_is_not_sent_again()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack"));
        bench.Slack.AnswerNext(_ => SlackReceiver.SlackError(410, "channel_is_archived"));

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Failed, notification.Status);
        Assert.Equal("channel_is_archived", notification.LastError);
        Assert.Equal(410, notification.LastHttpStatus);
        var attempt = Assert.Single(await host.AttemptsAsync(notification.Id));
        Assert.Equal("rejected", attempt.Outcome);
        Assert.Equal("channel_is_archived", attempt.Error);
        Assert.Single(bench.Slack.Requests);
    }

    [Fact]
    public async Task A_message_without_text_or_blocks_is_refused_by_the_receiver_like_Slack_does()
    {
        await using var slack = new SlackReceiver();
        await slack.StartAsync();
        using var client = new HttpClient();

        using var response = await client.PostAsync(slack.WebhookUrl, new StringContent(new JsonObject { ["username"] = "x" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("no_text", await response.Content.ReadAsStringAsync());
    }
}
