using Remediation.Policy;

namespace Remediation.Postmortem.Api;

/// <summary>Environment and service names as they are stored: trimmed and lower case (like <see cref="ServiceKey"/>).</summary>
internal static class Names
{
    public static string? Normalise(string? name) => name?.Trim().ToLowerInvariant();
}
