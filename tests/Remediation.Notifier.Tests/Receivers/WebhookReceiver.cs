using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Remediation.Security;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// A receiver of the generic webhook: JSON with <c>type</c>, <c>eventKey</c> and the <c>event</c>; the
/// <c>X-Remediation-Event</c> header matching the type; and, when it holds the secret, a valid
/// <c>X-Remediation-Signature: sha256=&lt;hex&gt;</c> over the body (401 otherwise).
/// </summary>
public sealed class WebhookReceiver(string? secret = null) : ReceiverServer
{
    public const string Path = "/hooks/remediation";

    public string Url => BaseUrl + Path;

    protected override IResult Handle(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != Path)
            return Reject("path", Results.NotFound());
        if (secret is not null)
        {
            var verified = HmacSignature.Verify(secret, Encoding.UTF8.GetBytes(request.Body), request.Header("x-remediation-signature"), null,
                TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
            if (verified != HmacVerification.Valid)
                return Reject("signature " + verified, Results.Json(new { error = "bad signature" }, statusCode: 401));
        }

        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true || request.Json is not JsonObject body)
            return Reject("not JSON", Results.BadRequest());
        if (body["type"]?.GetValue<string>() is not { } type || type != request.Header("x-remediation-event"))
            return Reject("type", Results.BadRequest());
        if (body["eventKey"] is null || body["event"] is not JsonObject || request.Header("x-remediation-delivery") is null)
            return Reject("eventKey, event and delivery id are required", Results.BadRequest());
        return Results.Ok();
    }
}
