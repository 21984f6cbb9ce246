using System.Text.Json;

namespace Remediation.Integration.Tests.Support;

/// <summary>One notification the webhook channel delivered: its type (<c>IncidentOpened</c>, ...), keys and body.</summary>
public sealed record Notification(string Type, string EventKey, string DeliveryId, Guid? IncidentId, JsonElement Body);
