using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// A CD system's deploy API as the executor's webhook driver calls it: <c>POST /api/v1/applications/{app}/rollback</c> with a
/// bearer token, a JSON body naming the version, and an <c>Idempotency-Key</c>. It answers <c>202 Accepted</c> with its
/// operation, deploys the version (remembered as <see cref="Version"/>), and answers a repeated key with the first answer
/// without deploying again, as CD APIs with idempotency keys do. A test can <see cref="Hold"/> its answers (the rollout
/// "takes time") and <see cref="Release"/> them.
/// </summary>
public sealed class CdReceiver : IAsyncDisposable
{
    public const string Token = "cd-system-token-0123456789";

    private readonly ConcurrentQueue<CdCall> _calls = new();
    private readonly ConcurrentDictionary<string, string> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _versions = new(StringComparer.Ordinal);
    private readonly Lock _gateLock = new();
    private TaskCompletionSource _gate = Open();
    private LoopbackServer _server = null!;

    private CdReceiver()
    {
    }

    /// <summary>Every call received, answered or not yet.</summary>
    public IReadOnlyList<CdCall> Calls => [.. _calls];

    /// <summary>Deployments the receiver made (one per idempotency key).</summary>
    public int Deployments => _operations.Count;

    public static async Task<CdReceiver> StartAsync()
    {
        var receiver = new CdReceiver();
        receiver._server = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    /// <summary>The URL of an application's rollback endpoint (what the policy's target <c>url</c> names).</summary>
    public Uri RollbackUrl(string application) => new(_server.Address, $"/api/v1/applications/{application}/rollback");

    /// <summary>The version the application runs as far as the CD system knows (null before any rollback).</summary>
    public string? Version(string application) => _versions.GetValueOrDefault(application);

    /// <summary>Calls from now on wait, unanswered, until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gateLock)
        {
            if (_gate.Task.IsCompleted)
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gateLock)
            _gate.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _server.DisposeAsync();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (request.Method != HttpMethods.Post || segments is not ["api", "v1", "applications", var application, "rollback"])
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (request.Headers.Authorization != $"Bearer {Token}")
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        string? version;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
            version = body.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        }
        catch (JsonException)
        {
            version = null;
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (version is null || key.Length == 0 || request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new { error = "a JSON body with 'version' and an Idempotency-Key header are required" });
            return;
        }

        _calls.Enqueue(new CdCall(application, version, key, DateTimeOffset.UtcNow));
        Task gate;
        lock (_gateLock)
            gate = _gate.Task;
        await gate.WaitAsync(http.RequestAborted);

        var operation = _operations.GetOrAdd(key, _ =>
        {
            _versions[application] = version;
            return Guid.NewGuid().ToString("N");
        });
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        await http.Response.WriteAsJsonAsync(new { operation, application, version, status = "accepted" });
    }
}
