namespace Remediation.Executor.Drivers;

/// <summary>A runbook action that was carried out (or found already done).</summary>
public sealed record RemediationResult(string Details);
