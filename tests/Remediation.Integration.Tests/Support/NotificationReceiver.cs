using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// The receiving end of the notifier's generic webhook channel, checking its documented format: <c>POST</c> of JSON with
/// <c>type</c>, <c>eventKey</c>, <c>incidentId</c> and the <c>event</c> object, <c>X-Remediation-Event</c> equal to the
/// type and an <c>X-Remediation-Delivery</c> id. Records what it accepted and what it would have refused.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/remediation";

    private readonly ConcurrentQueue<Notification> _accepted = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private LoopbackServer _server = null!;

    private NotificationReceiver()
    {
    }

    public Uri Url => new(_server.Address, Path);

    public IReadOnlyList<Notification> Accepted => [.. _accepted];

    /// <summary>Requests that broke the format, with why (a test asserts there were none).</summary>
    public IReadOnlyList<string> Rejections => [.. _rejections];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var receiver = new NotificationReceiver();
        receiver._server = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    /// <summary>The notifications about one incident, in order of arrival.</summary>
    public IReadOnlyList<Notification> For(Guid incidentId) => [.. Accepted.Where(n => n.IncidentId == incidentId)];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Method != HttpMethods.Post || request.Path != Path)
        {
            Reject(http, StatusCodes.Status404NotFound, $"{request.Method} {request.Path}");
            return;
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            Reject(http, StatusCodes.Status415UnsupportedMediaType, $"content type {request.ContentType}");
            return;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            Reject(http, StatusCodes.Status400BadRequest, $"not JSON: {ex.Message}");
            return;
        }

        var type = body.TryGetProperty("type", out var t) ? t.GetString() : null;
        var eventKey = body.TryGetProperty("eventKey", out var k) ? k.GetString() : null;
        var delivery = request.Headers["X-Remediation-Delivery"].ToString();
        if (type is null || type != request.Headers["X-Remediation-Event"].ToString() || eventKey is null || delivery.Length == 0 ||
            !body.TryGetProperty("event", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            Reject(http, StatusCodes.Status400BadRequest, $"type, eventKey, event and delivery id are required: {body}");
            return;
        }

        Guid? incident = body.TryGetProperty("incidentId", out var i) && i.ValueKind == JsonValueKind.String && Guid.TryParse(i.GetString(), out var id) ? id : null;
        _accepted.Enqueue(new Notification(type, eventKey, delivery, incident, body));
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void Reject(HttpContext http, int status, string why)
    {
        _rejections.Enqueue(why);
        http.Response.StatusCode = status;
    }
}
