using Microsoft.Extensions.Options;
using Remediation.Executor.Kubernetes;

namespace Remediation.Executor;

/// <summary>
/// Checks the executor's options when the host starts: durations and counts in range, credentials complete, and — when a
/// kubeconfig or the in-cluster account is configured — that it can be used (readable, the context exists, no refused
/// insecure cluster), so that a bad setting stops the start instead of failing the first rollback.
/// </summary>
internal sealed class ExecutorOptionsValidator(Func<string, string?>? environment = null) : IValidateOptions<ExecutorOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutorOptions options)
    {
        var problems = new List<string>();
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
                problems.Add($"{ExecutorOptions.Section}:{key} must be positive (is {value}).");
        }

        void Range(int value, int min, int max, string key)
        {
            if (value < min || value > max)
                problems.Add($"{ExecutorOptions.Section}:{key} must be between {min} and {max} (is {value}).");
        }

        Positive(options.LeaseDuration, "LeaseDuration");
        Positive(options.BusyPollInterval, "BusyPollInterval");
        var k = options.Kubernetes;
        Positive(k.RequestTimeout, "Kubernetes:RequestTimeout");
        Positive(k.ConnectTimeout, "Kubernetes:ConnectTimeout");
        Positive(k.PollInterval, "Kubernetes:PollInterval");
        Positive(k.RolloutTimeout, "Kubernetes:RolloutTimeout");
        if (k.RetryDelay < TimeSpan.Zero)
            problems.Add($"{ExecutorOptions.Section}:Kubernetes:RetryDelay must not be negative.");
        Range(k.ReadAttempts, 1, 20, "Kubernetes:ReadAttempts");
        Range(k.MaxDecisionRounds, 1, 100, "Kubernetes:MaxDecisionRounds");
        Range(k.MaxReplicas, 1, 10000, "Kubernetes:MaxReplicas");
        Positive(options.Haproxy.CommandTimeout, "Haproxy:CommandTimeout");
        Positive(options.Haproxy.SettleTimeout, "Haproxy:SettleTimeout");
        Positive(options.Haproxy.PollInterval, "Haproxy:PollInterval");
        if (options.Haproxy.DrainTimeout < TimeSpan.Zero)
            problems.Add($"{ExecutorOptions.Section}:Haproxy:DrainTimeout must not be negative.");
        Positive(options.Webhook.Timeout, "Webhook:Timeout");
        Range(options.Webhook.MaxAttempts, 1, 20, "Webhook:MaxAttempts");
        if (options.Webhook.BaseDelay < TimeSpan.Zero || options.Webhook.MaxDelay < options.Webhook.BaseDelay)
            problems.Add($"{ExecutorOptions.Section}:Webhook: BaseDelay must not be negative and MaxDelay not below it.");

        foreach (var (credential, value) in options.Credentials)
        {
            if (string.IsNullOrWhiteSpace(value.Header) || string.IsNullOrEmpty(value.Value))
                problems.Add($"{ExecutorOptions.Section}:Credentials:{credential} needs a Header and a Value.");
        }

        if (k.InCluster || !string.IsNullOrWhiteSpace(k.Kubeconfig))
        {
            try
            {
                _ = KubernetesConnectionResolver.Resolve(k, null, environment);
            }
            catch (KubeconfigException ex)
            {
                problems.Add($"{ExecutorOptions.Section}:Kubernetes: {ex.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
