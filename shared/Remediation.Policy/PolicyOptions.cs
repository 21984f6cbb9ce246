using System.ComponentModel.DataAnnotations;

namespace Remediation.Policy;

/// <summary>Where the policy comes from. Bound from <c>Remediation:Policy</c>.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Remediation:Policy";

    /// <summary>Path of the YAML policy file; changes to it are picked up without a restart.</summary>
    [Required]
    public string Path { get; set; } = "policy.yaml";
}
