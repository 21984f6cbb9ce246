namespace Remediation.Executor.Kubernetes;

/// <summary>A kubeconfig or service account that cannot be used, with what is wrong and where.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException()
    {
    }

    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
