using System.Text;
using Remediation.Notifier.Channels.Webhook;
using Remediation.Notifier.Tests.Receivers;
using Remediation.Security;

namespace Remediation.Notifier.Tests;

public sealed class WebhookChannelTests
{
    [Fact]
    public async Task Each_event_is_posted_as_json_with_its_type_and_signed_over_the_body()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("webhook"));
        var story = new IncidentStory();

        await host.PublishAsync([.. story.All()]);
        await host.WaitUntilSettledAsync(5);

        Assert.Empty(bench.Webhook.Rejections);
        // Delivered one after the other in the incident's order: opening first, resolution last.
        Assert.Equal(["IncidentOpened", "RollbackRequested", "RollbackCompleted", "DecisionRecorded", "IncidentResolved"],
            bench.Webhook.Accepted.Select(r => r.Json!["type"]!.GetValue<string>()));
        var opened = bench.Webhook.Accepted.Single(r => r.Header(WebhookChannel.EventHeader) == "IncidentOpened");
        Assert.Equal(story.IncidentId.ToString(), opened.Json!["event"]!["incidentId"]!.GetValue<string>());
        Assert.Equal("Critical", opened.Json!["event"]!["severity"]!.GetValue<string>());
        var expected = "sha256=" + HmacSignature.Compute(ChannelBench.WebhookSecret, Encoding.UTF8.GetBytes(opened.Body));
        Assert.Equal(expected, opened.Header(WebhookChannel.SignatureHeader));
    }

    [Fact]
    public async Task Without_a_secret_no_signature_is_sent()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Remediation:Notifier:Channels:hook:Type"] = "webhook",
            ["Remediation:Notifier:Channels:hook:Url"] = receiver.Url,
        });

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        var request = Assert.Single(receiver.Accepted);
        Assert.Null(request.Header(WebhookChannel.SignatureHeader));
    }

    [Fact]
    public async Task A_receiver_holding_another_secret_refuses_the_signature()
    {
        await using var receiver = new WebhookReceiver("another-secret-0123456789");
        await receiver.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Remediation:Notifier:Channels:hook:Type"] = "webhook",
            ["Remediation:Notifier:Channels:hook:Url"] = receiver.Url,
            ["Remediation:Notifier:Channels:hook:Secret"] = ChannelBench.WebhookSecret,
        });

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        Assert.Equal(Persistence.NotificationStatus.Failed, Assert.Single(await host.NotificationsAsync()).Status);
        Assert.Equal(["signature Mismatch"], receiver.Rejections);
    }
}
