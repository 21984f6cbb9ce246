using System.Security.Cryptography;
using System.Text;
using Remediation.Contracts.Deployments;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;

namespace Remediation.Detector.Sources;

/// <summary>
/// Reads a CI/CD deployment hook into <see cref="DeploymentRecorded"/>. The deployment id is derived from what identifies
/// the deployment (the pipeline's id when given, else service, environment, version, revision, image, commit and time), so a
/// re-sent hook is the same deployment and consumers deduplicate it.
/// </summary>
internal static class DeploymentParser
{
    public static DeploymentRecorded? Parse(ReadOnlySpan<byte> body, DetectorOptions options, DateTimeOffset now, out Rejection? rejection)
    {
        var hook = JsonBody.Read(body, DetectorJson.Default.DeploymentHook, out rejection);
        if (hook is null)
            return null;

        foreach (var (value, name) in new[] { (hook.Service, "service"), (hook.Environment, "environment"), (hook.Version, "version") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                rejection = Rejection.BadRequest(ProblemCodes.MissingField, $"'{name}' is missing.");
                return null;
            }
        }

        foreach (var (value, name) in new[]
                 {
                     (hook.Id, "id"), (hook.Service, "service"), (hook.Environment, "environment"), (hook.Version, "version"),
                     (hook.Revision, "revision"), (hook.Image, "image"), (hook.Commit, "commit"), (hook.Author, "author"),
                 })
        {
            if (value is { Length: var length } && length > options.MaxLabelValueLength)
            {
                rejection = Rejection.BadRequest(ProblemCodes.LabelTooLarge, $"'{name}' is {length} characters long; at most {options.MaxLabelValueLength} are accepted.");
                return null;
            }
        }

        if (hook.Description is { Length: > 4096 })
        {
            rejection = Rejection.BadRequest(ProblemCodes.LabelTooLarge, $"'description' is {hook.Description.Length} characters long; at most 4096 are accepted.");
            return null;
        }

        var timeText = hook.DeployedAt ?? hook.Time;
        if (!WireTime.TryParse(timeText, out var deployedAt))
        {
            rejection = Rejection.BadRequest(ProblemCodes.InvalidField, $"'deployedAt' '{timeText}' is not a time (RFC 3339 or Unix seconds/milliseconds).");
            return null;
        }

        var environment = hook.Environment!.Trim().ToLowerInvariant();
        var service = hook.Service!.Trim().ToLowerInvariant();
        var identity = hook.Id is { Length: > 0 } id
            ? $"id|{environment}|{service}|{id}"
            : $"fields|{environment}|{service}|{hook.Version}|{hook.Revision}|{hook.Image}|{hook.Commit}|{timeText}";
        return new DeploymentRecorded
        {
            DeploymentId = NameBasedGuid(identity),
            Environment = environment,
            Service = service,
            Version = hook.Version!.Trim(),
            Revision = hook.Revision,
            Image = hook.Image,
            Commit = hook.Commit,
            Author = hook.Author,
            Description = hook.Description,
            Irreversible = hook.Irreversible ?? false,
            Source = "hook",
            DeployedAt = deployedAt ?? now,
            OccurredAt = now,
        };
    }

    /// <summary>A name-based UUID (SHA-256, RFC 9562 version 8 layout).</summary>
    private static Guid NameBasedGuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"remediation/deployment/{name}"));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }
}
