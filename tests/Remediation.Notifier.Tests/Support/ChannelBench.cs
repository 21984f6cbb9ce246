using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

/// <summary>
/// One local receiver per channel type, and the configuration of a channel of each type pointing at it (named after
/// the type). Delivery settings are quick (short backoff, generous rate limits) unless a test overrides them.
/// </summary>
public sealed class ChannelBench : IAsyncDisposable
{
    public const string WebhookSecret = "WebhookSecret-0123456789abcdef";
    public static readonly string[] Names = ["slack", "teams", "pagerduty", "jira", "servicenow", "statuspage", "webhook"];

    public SlackReceiver Slack { get; } = new();

    public TeamsReceiver Teams { get; } = new();

    public PagerDutyReceiver PagerDuty { get; } = new();

    public JiraReceiver Jira { get; } = new();

    public ServiceNowReceiver ServiceNow { get; } = new();

    public StatuspageReceiver Statuspage { get; } = new();

    public WebhookReceiver Webhook { get; } = new(WebhookSecret);

    public IEnumerable<ReceiverServer> All => [Slack, Teams, PagerDuty, Jira, ServiceNow, Statuspage, Webhook];

    public ReceiverServer this[string name] => name switch
    {
        "slack" => Slack,
        "teams" => Teams,
        "pagerduty" => PagerDuty,
        "jira" => Jira,
        "servicenow" => ServiceNow,
        "statuspage" => Statuspage,
        "webhook" => Webhook,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a bench channel"),
    };

    public static async Task<ChannelBench> StartAsync()
    {
        var bench = new ChannelBench();
        await Task.WhenAll(bench.All.Select(r => r.StartAsync()));
        return bench;
    }

    /// <summary>Configuration of the named channels (all when none are named).</summary>
    public Dictionary<string, string?> Configuration(params string[] only)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var name in only.Length == 0 ? Names : only)
        {
            var at = $"Remediation:Notifier:Channels:{name}:";
            settings[at + "Type"] = name;
            settings[at + "RateLimit:PerSecond"] = "50";
            settings[at + "RateLimit:Burst"] = "50";
            settings[at + "Retry:BaseDelay"] = "00:00:00.050";
            settings[at + "Retry:MaxDelay"] = "00:00:05";
            settings[at + "Retry:RescheduleDelay"] = "00:00:00.200";
            settings[at + "Retry:MaxRescheduleDelay"] = "00:00:01";
            settings[at + "Timeout"] = "00:00:05";
            switch (name)
            {
                case "slack":
                    settings[at + "Url"] = Slack.WebhookUrl;
                    break;
                case "teams":
                    settings[at + "Url"] = Teams.WebhookUrl;
                    break;
                case "pagerduty":
                    settings[at + "Url"] = PagerDuty.BaseUrl;
                    settings[at + "RoutingKey"] = PagerDutyReceiver.RoutingKey;
                    break;
                case "jira":
                    settings[at + "Url"] = Jira.BaseUrl;
                    settings[at + "Email"] = JiraReceiver.Email;
                    settings[at + "ApiToken"] = JiraReceiver.ApiToken;
                    settings[at + "ProjectKey"] = JiraReceiver.ProjectKey;
                    break;
                case "servicenow":
                    settings[at + "Url"] = ServiceNow.BaseUrl;
                    settings[at + "Username"] = ServiceNowReceiver.Username;
                    settings[at + "Password"] = ServiceNowReceiver.Password;
                    break;
                case "statuspage":
                    settings[at + "Url"] = Statuspage.BaseUrl;
                    settings[at + "PageId"] = StatuspageReceiver.PageId;
                    settings[at + "ApiKey"] = StatuspageReceiver.ApiKey;
                    for (var i = 0; i < StatuspageReceiver.Components.Length; i++)
                        settings[at + $"ComponentIds:{i}"] = StatuspageReceiver.Components[i];
                    break;
                case "webhook":
                    settings[at + "Url"] = Webhook.Url;
                    settings[at + "Secret"] = WebhookSecret;
                    break;
            }
        }

        return settings;
    }

    /// <summary>Every secret the configuration holds: none may appear in a log line.</summary>
    public static IEnumerable<string> Secrets =>
    [
        SlackReceiver.Secret, "TeamsSecret0123456789", PagerDutyReceiver.RoutingKey, JiraReceiver.ApiToken, ServiceNowReceiver.Password,
        StatuspageReceiver.ApiKey, WebhookSecret,
    ];

    public async ValueTask DisposeAsync()
    {
        foreach (var receiver in All)
            await receiver.DisposeAsync();
    }
}
