using System.ComponentModel.DataAnnotations;

namespace Remediation.Executor.Kubernetes;

/// <summary>How the executor reaches Kubernetes. Bound from <c>Remediation:Executor:Kubernetes</c>.</summary>
public sealed class KubernetesOptions
{
    /// <summary>The kubeconfig file; when unset, <c>KUBECONFIG</c> (its first entry) or <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use when the policy target names none; the file's current-context otherwise.</summary>
    public string? Context { get; set; }

    /// <summary>Use the pod's service account (<c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, token, ca.crt) instead of a kubeconfig.</summary>
    public bool InCluster { get; set; }

    /// <summary>Accept a kubeconfig cluster with <c>insecure-skip-tls-verify: true</c>. Off: such a cluster is refused.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>Where the in-cluster service account's files are mounted.</summary>
    public string ServiceAccountPath { get; set; } = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>How long one API request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of a read (GET, LIST) that fails with 429, 5xx or a network error.</summary>
    [Range(1, 20)]
    public int ReadAttempts { get; set; } = 4;

    /// <summary>The first delay between read attempts (exponential with jitter; a Retry-After answer is honoured).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a rollout is looked at while waiting for it (as <c>kubectl rollout status</c> does).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait for a rollout when the target has no <c>progress_deadline</c> (capped by the policy's executor timeout).</summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times a change is decided again after a conflict or an unclear answer before giving up.</summary>
    [Range(1, 100)]
    public int MaxDecisionRounds { get; set; } = 10;

    /// <summary>The most replicas a scale action may set when neither the action nor the target gives a maximum.</summary>
    [Range(1, 10000)]
    public int MaxReplicas { get; set; } = 50;
}
