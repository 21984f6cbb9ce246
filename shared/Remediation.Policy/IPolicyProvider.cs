namespace Remediation.Policy;

/// <summary>The current policy; file-backed providers swap it when the file changes and the new one is valid.</summary>
public interface IPolicyProvider
{
    PolicyDocument Current { get; }

    /// <summary>The problem with the latest change of the file, when it was rejected (the previous policy stays in force).</summary>
    string? LastError { get; }

    ServicePolicy? Find(string environment, string service) => Current.Find(environment, service);
}
