namespace Remediation.Postmortem.Prometheus;

/// <summary>Prometheus answered a query with an error (its <c>errorType</c> and <c>error</c>), or with something that is not its API.</summary>
public sealed class PrometheusQueryException : Exception
{
    public PrometheusQueryException()
    {
    }

    public PrometheusQueryException(string message)
        : base(message)
    {
    }

    public PrometheusQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
