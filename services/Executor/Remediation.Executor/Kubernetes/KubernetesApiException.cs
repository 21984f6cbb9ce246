using System.Net;

namespace Remediation.Executor.Kubernetes;

/// <summary>A non-2xx answer of the Kubernetes API, with the <c>Status</c> object's reason, message and code when it sent one.</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    public KubernetesApiException()
    {
    }

    public KubernetesApiException(string message)
        : base(message)
    {
    }

    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status reason: <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, <c>Unauthorized</c>, ...</summary>
    public string? Reason { get; }

    public TimeSpan? RetryAfter { get; }

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>Worth trying again: the server was busy or failed (429, 5xx) — not a refusal of the request itself.</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)StatusCode >= 500;
}
