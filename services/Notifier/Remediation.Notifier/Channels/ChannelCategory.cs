namespace Remediation.Notifier.Channels;

/// <summary>What a channel is for; the default routes (when the policy names none) go by it.</summary>
public enum ChannelCategory
{
    /// <summary>Slack, Teams, generic webhooks: every severity.</summary>
    Chat = 0,

    /// <summary>Jira, ServiceNow: major and critical.</summary>
    Ticket = 1,

    /// <summary>PagerDuty: critical.</summary>
    Paging = 2,

    /// <summary>Statuspage: critical.</summary>
    StatusPage = 3,
}
