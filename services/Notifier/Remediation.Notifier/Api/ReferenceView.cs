namespace Remediation.Notifier.Api;

/// <summary>The record a channel's service keeps for an incident.</summary>
public sealed record ReferenceView(string ExternalId, string? DisplayId, string? Url, string? State);
