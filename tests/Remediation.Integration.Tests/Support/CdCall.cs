namespace Remediation.Integration.Tests.Support;

/// <summary>One call to the CD system's rollback endpoint.</summary>
public sealed record CdCall(string Application, string Version, string IdempotencyKey, DateTimeOffset At);
