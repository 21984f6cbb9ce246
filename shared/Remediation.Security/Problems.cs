using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Remediation.Security;

/// <summary>
/// <c>application/problem+json</c> bodies (RFC 9457) that name the problem: a stable <c>code</c> a sender can act on and a
/// <c>detail</c> a person can read.
/// </summary>
public static class Problems
{
    public static IResult Result(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Results.Problem(detail: detail, statusCode: status, title: Title(status), type: $"https://remediation.dev/problems/{code}", extensions: ext);
    }

    public static IResult BadRequest(string code, string detail) => Result(StatusCodes.Status400BadRequest, code, detail);

    public static async Task Write(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://remediation.dev/problems/{code}",
            ["title"] = Title(status),
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
        };
        await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}
