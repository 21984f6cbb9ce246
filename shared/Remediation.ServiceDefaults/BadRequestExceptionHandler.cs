using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Remediation.ServiceDefaults;

/// <summary>
/// Turns the server's own bad-request exceptions (body over the cap, malformed request line, client gone) into the 4xx
/// they stand for, as problem+json, instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;

        context.Response.StatusCode = bad.StatusCode;
        var code = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body-too-large" : "bad-request";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request",
                Detail = bad.Message,
                Type = $"https://remediation.dev/problems/{code}",
                Extensions = { ["code"] = code },
            },
        });
    }
}
