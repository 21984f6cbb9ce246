namespace Remediation.Decision.Tests.Support;

/// <summary>Policies with timers short enough for tests (the durable scheduler still runs them).</summary>
public static class Policies
{
    public const string Prod = "production";

    /// <summary>The length of the timers in <see cref="For"/>'s defaults; tests advance the clock past it.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    public static string For(string service, string approval = "auto", string verifyFor = "5m", string cooldown = "5m", int maxDepth = 2,
        string window = "30m", string runbook = "", string settle = "5m", string approvalTimeout = "10m", string executorTimeout = "10m") => $"""
        services:
          - name: {service}
            environment: {Prod}
            target: {"{"} driver: webhook, url: "http://127.0.0.1:9/deploy" {"}"}
            rollback:
              window: {window}
              cooldown: {cooldown}
              verify_for: {verifyFor}
              max_depth: {maxDepth}
              approval: {approval}
              approval_timeout: {approvalTimeout}
              executor_timeout: {executorTimeout}
            runbook:
              settle: {settle}
        {runbook}
        """;
}
