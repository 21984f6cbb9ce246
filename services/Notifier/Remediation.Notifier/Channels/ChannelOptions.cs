namespace Remediation.Notifier.Channels;

/// <summary>
/// One channel: its <see cref="Type"/> and the settings that type uses (see docs/notifier.md for each type). Settings
/// of other types are ignored.
/// </summary>
public sealed class ChannelOptions
{
    /// <summary><c>slack</c>, <c>teams</c>, <c>pagerduty</c>, <c>jira</c>, <c>servicenow</c>, <c>statuspage</c> or <c>webhook</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>A disabled channel stays configured but receives nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The webhook URL (slack, teams, webhook) or the API's base URL (pagerduty: the Events API host; jira and servicenow:
    /// the site; statuspage: the API host). A secret for webhooks.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>The events this channel hears about (contract names); empty means the type's defaults.</summary>
    public List<string> Events { get; set; } = [];

    // PagerDuty
    /// <summary>PagerDuty: the Events API v2 integration key (32 characters). A secret.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>PagerDuty: the integration key for change events, when it differs from <see cref="RoutingKey"/>. A secret.</summary>
    public string? ChangeRoutingKey { get; set; }

    // Jira
    /// <summary>Jira: the account's email (basic auth user).</summary>
    public string? Email { get; set; }

    /// <summary>Jira: the API token (basic auth password). A secret.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Jira: the project key issues are created in.</summary>
    public string? ProjectKey { get; set; }

    /// <summary>Jira: the issue type of created issues.</summary>
    public string IssueType { get; set; } = "Task";

    /// <summary>Jira: REST API version, 2 (plain-text fields) or 3 (Atlassian Document Format).</summary>
    public int ApiVersion { get; set; } = 2;

    /// <summary>Jira: the transition to apply when the incident resolves (for example the id of "Done"); none when empty.</summary>
    public string? ResolveTransitionId { get; set; }

    // ServiceNow
    /// <summary>ServiceNow: basic auth user.</summary>
    public string? Username { get; set; }

    /// <summary>ServiceNow: basic auth password. A secret.</summary>
    public string? Password { get; set; }

    /// <summary>ServiceNow: the assignment group (sys_id or name) of created incidents.</summary>
    public string? AssignmentGroup { get; set; }

    /// <summary>ServiceNow: the caller (sys_id or user name) of created incidents.</summary>
    public string? CallerId { get; set; }

    /// <summary>ServiceNow: the category of created incidents.</summary>
    public string? Category { get; set; }

    /// <summary>ServiceNow: the close code set when the incident resolves.</summary>
    public string CloseCode { get; set; } = "Resolved by change";

    /// <summary>ServiceNow: the state value of "Resolved" (6 in the base system).</summary>
    public string ResolvedState { get; set; } = "6";

    // Statuspage
    /// <summary>Statuspage: the page id.</summary>
    public string? PageId { get; set; }

    /// <summary>Statuspage: the API key (sent as <c>Authorization: OAuth &lt;key&gt;</c>). A secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Statuspage: the components an incident affects.</summary>
    public List<string> ComponentIds { get; set; } = [];

    /// <summary>Statuspage: the public incident's name; <c>{service}</c> and <c>{environment}</c> are replaced.</summary>
    public string IncidentName { get; set; } = "Degraded service: {service}";

    // Generic webhook
    /// <summary>Webhook: when set, each body is signed with HMAC-SHA256 in <c>X-Remediation-Signature: sha256=&lt;hex&gt;</c>. A secret.</summary>
    public string? Secret { get; set; }

    // Delivery
    public RateLimitOptions RateLimit { get; set; } = new();

    public ChannelRetryOptions Retry { get; set; } = new();

    /// <summary>How long one HTTP request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Notifications delivered at once on this channel (each incident's stay in order).</summary>
    public int MaxConcurrency { get; set; } = 2;
}
