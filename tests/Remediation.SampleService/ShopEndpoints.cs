using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Remediation.SampleService;

/// <summary>
/// The shop's HTTP surface: <c>GET /</c> (the work, with this version's errors and latency), <c>GET /health</c> (for the
/// load balancer's checks; a bad version is alive, just wrong), <c>GET /metrics</c> (Prometheus), and
/// <c>GET|PUT /admin/behaviour</c> (bearer <c>Sample:AdminToken</c>) to change the error ratio and latency at run time.
/// </summary>
public static class ShopEndpoints
{
    public static WebApplication MapShop(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SampleOptions>();
        var behaviour = app.Services.GetRequiredService<Behaviour>();
        var metrics = app.Services.GetRequiredService<RequestMetrics>();

        app.MapGet("/", async (HttpContext http) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (fail, latency) = behaviour.Next();
            try
            {
                if (latency > TimeSpan.Zero)
                    await Task.Delay(latency, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up: nothing to answer.
            }

            var status = fail ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            metrics.Record(status, Stopwatch.GetElapsedTime(started));
            return fail
                ? Results.Json(new { service = options.Service, version = options.Version, error = "this version is broken" }, statusCode: status)
                : Results.Json(new { service = options.Service, version = options.Version });
        });

        app.MapGet("/health", () => Results.Text("ok"));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));

        app.MapGet("/admin/behaviour", (HttpContext http) => Authorized(http, options)
            ? Results.Json(new BehaviourBody(behaviour.ErrorRatio, behaviour.LatencyMs))
            : Denied(options));
        app.MapPut("/admin/behaviour", (HttpContext http, BehaviourBody? body) =>
        {
            if (!Authorized(http, options))
                return Denied(options);
            if (body?.ErrorRatio is not { } ratio || body.LatencyMs is not { } latency)
                return Problem(StatusCodes.Status400BadRequest, "missing-field", "The body must give errorRatio and latencyMs.");
            if (Behaviour.Check(ratio, latency) is { } problem)
                return Problem(StatusCodes.Status400BadRequest, "invalid-field", problem);

            behaviour.Set(ratio, latency);
            app.Logger.LogInformation("{Service} {Version} now fails {ErrorRatio} of requests and takes {LatencyMs} ms", options.Service,
                options.Version, ratio, latency);
            return Results.Json(new BehaviourBody(ratio, latency));
        });
        return app;
    }

    private static bool Authorized(HttpContext http, SampleOptions options)
    {
        if (options.AdminToken is not { Length: > 0 } token)
            return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(token));
    }

    private static IResult Denied(SampleOptions options) => options.AdminToken is { Length: > 0 }
        ? Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "A bearer token (Sample:AdminToken) is required.")
        : Problem(StatusCodes.Status404NotFound, "admin-disabled", "Run-time changes are off: Sample:AdminToken is not set.");

    private static IResult Problem(int status, string code, string detail) =>
        Results.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
