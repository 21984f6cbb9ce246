namespace Remediation.Integration.Tests.Support;

/// <summary>
/// Policy files for the tests. Timers are of production length (a 5 minute verification period); the tests move the
/// decision hosts' clock past them instead of waiting (see <see cref="ShiftableClock"/>). Every service notifies the
/// installation's webhook channel <c>hooks</c> at every severity.
/// </summary>
public static class Policies
{
    public const string Production = "production";

    /// <summary>The verification (and soak) period of <see cref="Service"/>; tests advance the clock past it.</summary>
    public static readonly TimeSpan VerifyFor = TimeSpan.FromMinutes(5);

    /// <summary>What a test advances the clock by to let one verification period pass (a little more than it).</summary>
    public static readonly TimeSpan PastVerification = VerifyFor + TimeSpan.FromMinutes(1);

    public static string Document(params string[] services) => "services:\n" + string.Concat(services);

    /// <summary>One service's entry; <paramref name="target"/> is the target's settings indented by 6 spaces.</summary>
    public static string Service(string name, string target, string environment = Production, int maxDepth = 2) => $$$"""
          - name: {{{name}}}
            environment: {{{environment}}}
            target:
        {{{target}}}    detection:
              quorum: 2
              flap_suppression: 0s
              thresholds: { error_rate: 0.05, latency_p99_ms: 3000 }
            rollback:
              window: 2h
              cooldown: 30m
              verify_for: 5m
              max_depth: {{{maxDepth}}}
              approval: auto
              executor_timeout: 30m
            notify: { minor: [hooks], major: [hooks], critical: [hooks] }

        """;

    /// <summary>A target that hands the rollback to a CD system's webhook (<see cref="CdReceiver"/>).</summary>
    public static string CdTarget(CdReceiver cd, string application) => $$$"""
              driver: webhook
              url: "{{{cd.RollbackUrl(application)}}}"
              credential: cd
              timeout: 60s
              template: '{ "application": "{{service}}", "version": "{{to_version}}", "request": "{{request_id}}", "reason": "{{reason}}" }'

        """;
}
