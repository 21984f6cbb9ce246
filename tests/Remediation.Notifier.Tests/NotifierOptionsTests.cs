using Microsoft.Extensions.Options;

namespace Remediation.Notifier.Tests;

public sealed class NotifierOptionsTests
{
    [Fact]
    public async Task A_channel_without_its_url_or_credentials_stops_the_start_naming_each_setting_but_no_secret()
    {
        const string shortKey = "short-routing-key";
        var settings = new Dictionary<string, string?>
        {
            ["Remediation:Notifier:Channels:ops-slack:Type"] = "slack",
            ["Remediation:Notifier:Channels:pd:Type"] = "pagerduty",
            ["Remediation:Notifier:Channels:pd:Url"] = "http://127.0.0.1:9",
            ["Remediation:Notifier:Channels:pd:RoutingKey"] = shortKey,
            ["Remediation:Notifier:Channels:tickets:Type"] = "jira",
            ["Remediation:Notifier:Channels:tickets:Url"] = "not a url",
            ["Remediation:Notifier:Channels:pager:Type"] = "pagertree",
            ["Remediation:Notifier:Channels:chat:Type"] = "teams",
            ["Remediation:Notifier:Channels:chat:Url"] = "http://127.0.0.1:9",
            ["Remediation:Notifier:Channels:chat:Events:0"] = "AnomalyDetected",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => NotifierTestHost.StartAsync(settings));

        Assert.Contains("Remediation:Notifier:Channels:ops-slack:Url is required.", error.Failures);
        Assert.Contains("Remediation:Notifier:Channels:pd:RoutingKey is required: the Events API v2 integration key (32 characters).", error.Failures);
        Assert.Contains("Remediation:Notifier:Channels:tickets:Url must be an absolute http or https URL.", error.Failures);
        Assert.Contains("Remediation:Notifier:Channels:tickets:Email and ApiToken are required (basic auth with an API token).", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Remediation:Notifier:Channels:pager:Type 'pagertree' is not a channel type", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Remediation:Notifier:Channels:chat:Events: 'AnomalyDetected' is not an event", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains(shortKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_that_could_outlast_the_delivery_lease_are_refused()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Remediation:Notifier:Channels:hook:Type"] = "webhook",
            ["Remediation:Notifier:Channels:hook:Url"] = "http://127.0.0.1:9/hook",
            ["Remediation:Notifier:Channels:hook:Timeout"] = "00:02:00",
            ["Remediation:Notifier:Channels:hook:Retry:MaxRetries"] = "5",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => NotifierTestHost.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.Contains("more than half of Remediation:Notifier:Dispatch:LeaseDuration", StringComparison.Ordinal));
    }
}
