namespace Remediation.Policy;

/// <summary>The policy file is invalid; every problem is listed with its file, line and reason.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException(IReadOnlyList<PolicyError> errors)
        : base(Describe(errors)) => Errors = errors;

    public PolicyValidationException()
        : this([])
    {
    }

    public PolicyValidationException(string message)
        : base(message) => Errors = [];

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<PolicyError> Errors { get; }

    private static string Describe(IReadOnlyList<PolicyError> errors) =>
        errors.Count == 0
            ? "The policy is invalid."
            : $"The policy is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{System.Environment.NewLine}  " +
              string.Join(System.Environment.NewLine + "  ", errors);
}
