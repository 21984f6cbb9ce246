using System.Globalization;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Drivers.Kubernetes;

/// <summary>
/// Finds the ReplicaSet a rollback targets, always by an explicit identity — never "the previous revision", which after
/// one rollback points back at the bad version (the <c>rollout undo</c> trap):
/// by revision number (also among a ReplicaSet's former revisions, since a rollback renumbers the ReplicaSet it reuses),
/// else by image, else by version (label or image tag); the newest match wins.
/// </summary>
internal static class RevisionFinder
{
    public static ReplicaSet? Find(IReadOnlyList<ReplicaSet> replicaSets, RollbackRequested request, string? container, out string wanted)
    {
        if (!string.IsNullOrWhiteSpace(request.ToRevision))
        {
            if (!long.TryParse(request.ToRevision, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) || revision <= 0)
                throw new ExecutorFailureException(FailureCodes.BadRequest, $"ToRevision '{request.ToRevision}' is not a Deployment revision number.");

            wanted = $"revision {revision}";
            var found = replicaSets.FirstOrDefault(rs => rs.Revision == revision) ?? replicaSets.FirstOrDefault(rs => rs.FormerRevisions.Contains(revision));
            if (found is not null)
                CheckIdentity(found, request, container, wanted);
            return found;
        }

        if (!string.IsNullOrWhiteSpace(request.ToImage))
        {
            wanted = $"image {request.ToImage}";
            return replicaSets.Where(rs => PodTemplates.RunsImage(rs.Spec.Template, container, request.ToImage)).MaxBy(rs => rs.Revision);
        }

        wanted = $"version {request.ToVersion}";
        return replicaSets.Where(rs => PodTemplates.RunsVersion(rs.Spec.Template, container, request.ToVersion)).MaxBy(rs => rs.Revision);
    }

    /// <summary>A revision found by number must be what the request believes it is (its image, its version label).</summary>
    private static void CheckIdentity(ReplicaSet found, RollbackRequested request, string? container, string wanted)
    {
        if (request.ToImage is { Length: > 0 } image && !PodTemplates.RunsImage(found.Spec.Template, container, image))
        {
            throw new ExecutorFailureException(FailureCodes.TargetMismatch,
                $"{wanted} (ReplicaSet {found.Metadata.Name}) runs {PodTemplates.Image(found.Spec.Template, container)}, not the requested {image}.");
        }

        var labels = found.Spec.Template["metadata"]?["labels"];
        var label = PodTemplates.Str(labels?[KubernetesNames.VersionLabel]) ?? PodTemplates.Str(labels?["version"]);
        if (label is not null && label != request.ToVersion)
        {
            throw new ExecutorFailureException(FailureCodes.TargetMismatch,
                $"{wanted} (ReplicaSet {found.Metadata.Name}) is labelled version {label}, not the requested {request.ToVersion}.");
        }
    }
}
