namespace Remediation.Notifier.Channels;

/// <summary>The channel types, as written in <c>Remediation:Notifier:Channels:&lt;name&gt;:Type</c>.</summary>
public static class ChannelTypes
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string PagerDuty = "pagerduty";
    public const string Jira = "jira";
    public const string ServiceNow = "servicenow";
    public const string Statuspage = "statuspage";
    public const string Webhook = "webhook";
}
