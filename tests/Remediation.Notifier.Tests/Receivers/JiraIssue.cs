namespace Remediation.Notifier.Tests.Receivers;

/// <summary>An issue the Jira receiver holds.</summary>
public sealed class JiraIssue(string key, string summary, string description)
{
    public string Key => key;

    public string Summary => summary;

    public string Description => description;

    public List<string> Comments { get; } = [];

    public string Status { get; set; } = "To Do";
}
