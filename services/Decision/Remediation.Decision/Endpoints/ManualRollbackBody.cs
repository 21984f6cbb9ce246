namespace Remediation.Decision.Endpoints;

/// <summary><c>{ "toVersion": "v1", "reason": "..." }</c></summary>
public sealed record ManualRollbackBody(string? ToVersion, string? Reason);
