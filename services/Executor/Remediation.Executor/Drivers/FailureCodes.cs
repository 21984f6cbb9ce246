namespace Remediation.Executor.Drivers;

/// <summary>The <c>ReasonCode</c> values of RollbackFailed and RemediationFailed.</summary>
public static class FailureCodes
{
    /// <summary>No policy entry for the (environment, service).</summary>
    public const string NoPolicy = "no-policy";

    /// <summary>The target's driver is <c>none</c>, or unknown.</summary>
    public const string NoDriver = "no-driver";

    /// <summary>The target's settings (or the executor's configuration) are missing or wrong.</summary>
    public const string Configuration = "configuration";

    /// <summary>The request itself is malformed (a revision that is not a number, ...).</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The Deployment (or backend, server) does not exist.</summary>
    public const string NotFound = "not-found";

    /// <summary>The requested revision's ReplicaSet no longer exists (revisionHistoryLimit pruned it).</summary>
    public const string RevisionPruned = "revision-pruned";

    /// <summary>What was found for the request does not match it (the revision runs another image or version).</summary>
    public const string TargetMismatch = "target-mismatch";

    /// <summary>The Deployment is paused: the executor does not roll back or restart a paused Deployment.</summary>
    public const string Paused = "paused";

    /// <summary>The change kept conflicting with other writers.</summary>
    public const string Conflict = "conflict";

    /// <summary>Someone else changed the target after this request acted on it; it is not acted on twice.</summary>
    public const string Superseded = "superseded";

    /// <summary>Kubernetes reported ProgressDeadlineExceeded for the rollout.</summary>
    public const string ProgressDeadline = "progress-deadline";

    /// <summary>The rollout did not finish within the executor's timeout.</summary>
    public const string RolloutTimeout = "rollout-timeout";

    /// <summary>The server traffic should move to is not up.</summary>
    public const string TargetUnhealthy = "target-unhealthy";

    /// <summary>The target's own view after the change does not show it.</summary>
    public const string ConfirmFailed = "confirm-failed";

    /// <summary>The request's version has no server in the target's versions map.</summary>
    public const string UnknownVersion = "unknown-version";

    /// <summary>The target refused the request (a 4xx other than 408/429).</summary>
    public const string TargetRejected = "target-rejected";

    /// <summary>The target kept failing or did not answer (5xx, 429, timeouts) after the retries.</summary>
    public const string TargetUnavailable = "target-unavailable";

    /// <summary>Any other error talking to the target.</summary>
    public const string TargetError = "target-error";

    /// <summary>An earlier attempt called a target that cannot be observed and did not finish: not calling it twice.</summary>
    public const string OutcomeUnknown = "outcome-unknown";

    /// <summary>The driver does not offer this runbook action.</summary>
    public const string UnsupportedAction = "unsupported-action";
}
