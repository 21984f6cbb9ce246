namespace Remediation.Testing.Kubernetes;

/// <summary>A request the test server received, with the status it answered.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string Body, int StatusCode, bool Authenticated);
