namespace Remediation.Decision.Endpoints;

/// <summary><c>{ "reason": "..." }</c></summary>
public sealed record ReasonBody(string? Reason);
