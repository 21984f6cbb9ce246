namespace Remediation.Decision.Endpoints;

/// <summary><c>{ "approved": true, "comment": "..." }</c></summary>
public sealed record ApprovalBody(bool? Approved, string? Comment);
