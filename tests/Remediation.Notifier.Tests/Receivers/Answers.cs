using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>Scripted answers: a status with a body and headers (429 with Retry-After), or a request that hangs.</summary>
public static class Answers
{
    public static IResult Status(int status, string body = "", params (string Name, string Value)[] headers) => new Raw(status, body, headers);

    public static IResult TooManyRequests(int retryAfterSeconds, string body = "rate_limited") =>
        new Raw(429, body, [("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private sealed class Raw(int status, string body, (string Name, string Value)[] headers) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            foreach (var (name, value) in headers)
                httpContext.Response.Headers[name] = value;
            httpContext.Response.ContentType = "text/plain";
            await httpContext.Response.WriteAsync(body);
        }
    }
}
