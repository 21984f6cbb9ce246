using Remediation.Executor.Drivers.Haproxy;
using Remediation.Executor.Drivers.Webhook;
using Remediation.Executor.Kubernetes;

namespace Remediation.Executor;

/// <summary>The executor's settings. Bound from <c>Remediation:Executor</c> and validated at start.</summary>
public sealed class ExecutorOptions
{
    public const string Section = "Remediation:Executor";

    public KubernetesOptions Kubernetes { get; set; } = new();

    public HaproxyOptions Haproxy { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Named credentials a webhook target refers to with <c>credential: name</c>: the header and its value (never logged).</summary>
    public Dictionary<string, CredentialOptions> Credentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a claim on a request holds without being renewed. The executor working on it renews it every third of
    /// this; another instance takes a request over (and resumes it by observation) only once its claim has lapsed.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a delivery of a request another instance is working on looks whether it has finished.</summary>
    public TimeSpan BusyPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
