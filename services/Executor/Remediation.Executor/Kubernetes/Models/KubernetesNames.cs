using System.Globalization;

namespace Remediation.Executor.Kubernetes.Models;

/// <summary>The well-known annotation and label names the executor reads and writes.</summary>
public static class KubernetesNames
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string PodTemplateHashLabel = "pod-template-hash";
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";
    public const string VersionLabel = "app.kubernetes.io/version";

    /// <summary>The request that last changed the Deployment: what a resumed request looks for to know it already acted.</summary>
    public const string RequestIdAnnotation = "remediation.dev/request-id";
    public const string ReasonAnnotation = "remediation.dev/reason";
    public const string RolledBackFromAnnotation = "remediation.dev/rolled-back-from";

    public static long RevisionOf(ObjectMeta metadata) =>
        long.TryParse(metadata.Annotation(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    public static IReadOnlyList<long> RevisionHistoryOf(ObjectMeta metadata) =>
        [.. (metadata.Annotation(RevisionHistoryAnnotation) ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(r => long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)];
}
