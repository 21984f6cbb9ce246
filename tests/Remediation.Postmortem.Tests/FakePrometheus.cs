using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// A local HTTP server that answers <c>/api/v1/query_range</c> the way Prometheus 2.x does: GET or form POST; start and end
/// as RFC 3339 or unix seconds; step as a duration or seconds; the same <c>bad_data</c> errors for bad parameters, a
/// negative step or more than 11,000 points; and a matrix of <c>[unix seconds, "value"]</c> samples aligned on the step.
/// </summary>
internal sealed class FakePrometheus : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakePrometheus(WebApplication app) => _app = app;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The queries received, with their range and step as Prometheus parsed them.</summary>
    public ConcurrentQueue<(string Query, double Start, double End, double Step, string Method, string? Authorization)> Requests { get; } = new();

    /// <summary>The series answered per query: labels and a value per time; by default none (an empty matrix).</summary>
    public Func<string, IReadOnlyList<(Dictionary<string, string> Labels, Func<DateTimeOffset, double> Value)>> Series { get; set; } = _ => [];

    /// <summary>Queries answered with a PromQL parse error, as Prometheus answers a query it cannot parse.</summary>
    public Func<string, bool> Unparseable { get; set; } = query => query.Count(c => c == '(') != query.Count(c => c == ')');

    /// <summary>Queries that are never answered (until the caller gives up).</summary>
    public Func<string, bool> Hangs { get; set; } = _ => false;

    public static async Task<FakePrometheus> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakePrometheus(app);
        app.MapMethods("/api/v1/query_range", ["GET", "POST"], (Delegate)fake.QueryRangeAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task<IResult> QueryRangeAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? Param(string name) => form?[name].FirstOrDefault() ?? context.Request.Query[name].FirstOrDefault();

        var query = Param("query") ?? "";
        if (!TryTime(Param("start"), out var start))
            return BadData($"invalid parameter \"start\": cannot parse \"{Param("start")}\" to a valid timestamp");
        if (!TryTime(Param("end"), out var end))
            return BadData($"invalid parameter \"end\": cannot parse \"{Param("end")}\" to a valid timestamp");
        if (end < start)
            return BadData("invalid parameter \"end\": end timestamp must not be before start time");
        if (!TryDuration(Param("step"), out var step))
            return BadData($"invalid parameter \"step\": cannot parse \"{Param("step")}\" to a valid duration");
        if (step <= 0)
            return BadData("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        if ((end - start) / step > 11000)
            return BadData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        Requests.Enqueue((query, start, end, step, context.Request.Method, context.Request.Headers.Authorization.FirstOrDefault()));
        if (string.IsNullOrWhiteSpace(query))
            return BadData("invalid parameter \"query\": 1:1: parse error: no expression found in input");
        if (Unparseable(query))
            return BadData($"invalid parameter \"query\": 1:{query.Length + 1}: parse error: unclosed left parenthesis");
        if (Hangs(query))
            await Task.Delay(Timeout.Infinite, context.RequestAborted);

        var result = Series(query).Select(s => new
        {
            metric = s.Labels,
            values = Steps(start, end, step).Select(t => new object[] { t, Format(s.Value(DateTimeOffset.FromUnixTimeMilliseconds((long)(t * 1000)))) }).ToList(),
        });
        return Results.Json(new { status = "success", data = new { resultType = "matrix", result } });
    }

    /// <summary>Prometheus evaluates at start, start + step, ... up to end.</summary>
    private static IEnumerable<double> Steps(double start, double end, double step)
    {
        for (var t = start; t <= end; t += step)
            yield return Math.Round(t, 3);
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static IResult BadData(string error) =>
        Results.Json(new { status = "error", errorType = "bad_data", error }, statusCode: StatusCodes.Status400BadRequest);

    private static bool TryTime(string? text, out double seconds)
    {
        seconds = 0;
        if (text is null)
            return false;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            seconds = time.ToUnixTimeMilliseconds() / 1000.0;
            return true;
        }

        return false;
    }

    private static bool TryDuration(string? text, out double seconds)
    {
        seconds = 0;
        if (text is null)
            return false;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            return true;
        if (Policy.Duration.TryParse(text, out var duration))
        {
            seconds = duration.TotalSeconds;
            return true;
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
