namespace Remediation.Testing.Kubernetes.Patches;

/// <summary>A patch that cannot be applied (the API answers 422 with the message).</summary>
public sealed class PatchException(string message) : Exception(message);
