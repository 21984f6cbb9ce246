using System.Text.Json;

namespace Remediation.Postmortem.Api;

/// <summary>One timeline event: when, what, a line to read, and the message as it was recorded.</summary>
/// <param name="AttachedBy">How it was attached to the incident: <c>incident</c>, <c>anomaly</c>, <c>time</c>, or <c>deployment</c>.</param>
/// <param name="At">When it happened.</param>
/// <param name="Type">The message type.</param>
/// <param name="Summary">One line to read.</param>
/// <param name="Detail">The message as recorded.</param>
public sealed record TimelineEntryView(DateTimeOffset At, string Type, string Summary, string AttachedBy, JsonElement Detail);
