using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class SecretTests
{
    [Fact]
    public async Task No_credential_or_webhook_url_appears_in_the_logs_even_when_deliveries_fail()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration());
        bench.Slack.AnswerNext(_ => Answers.Status(500, "rollup_error"));
        bench.Teams.AnswerNext(_ => TeamsReceiver.Throttled());
        bench.Jira.AnswerNext(_ => Answers.Status(503));
        bench.Statuspage.AnswerNext(_ => Answers.TooManyRequests(1));
        bench.Webhook.AnswerNext(_ => Answers.Status(404, "gone"));

        await host.PublishAsync([.. new IncidentStory().All()]);
        await host.WaitUntilSettledAsync(32);

        var logs = string.Join('\n', host.Logs.Lines);
        Assert.Contains("Channel slack", logs, StringComparison.Ordinal);
        foreach (var secret in ChannelBench.Secrets)
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackReceiver.WebhookPath, logs, StringComparison.Ordinal);
    }
}
