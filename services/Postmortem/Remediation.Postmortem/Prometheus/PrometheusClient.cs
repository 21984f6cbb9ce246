using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Remediation.Postmortem.Prometheus;

/// <summary>
/// Prometheus' HTTP API, the part the report needs: range queries (<c>POST /api/v1/query_range</c>, form-encoded, so
/// that long PromQL fits) answered with a matrix.
/// </summary>
public sealed class PrometheusClient(HttpClient http, IOptionsMonitor<PostmortemOptions> options)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.Prometheus.Url);

    /// <summary>Runs a range query; throws <see cref="PrometheusQueryException"/> when Prometheus refuses it or answers nonsense.</summary>
    public async Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(
        string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Prometheus;
        if (string.IsNullOrWhiteSpace(settings.Url))
            throw new InvalidOperationException($"{PostmortemOptions.Section}:Prometheus:Url is not configured.");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.Url.TrimEnd('/') + "/"), "api/v1/query_range"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["query"] = query,
                ["start"] = Seconds(start.ToUnixTimeMilliseconds() / 1000.0),
                ["end"] = Seconds(end.ToUnixTimeMilliseconds() / 1000.0),
                ["step"] = Seconds(step.TotalSeconds),
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrWhiteSpace(settings.BearerToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BearerToken);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new PrometheusQueryException($"Prometheus answered {(int)response.StatusCode} with a body that is not JSON: {Excerpt(body)}", ex);
        }

        using (document)
            return Parse(document.RootElement, (int)response.StatusCode);
    }

    /// <summary>Reads a <c>query_range</c> answer: <c>{"status":"success","data":{"resultType":"matrix","result":[...]}}</c>.</summary>
    public static IReadOnlyList<MetricSeries> Parse(JsonElement root, int statusCode)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
            throw new PrometheusQueryException($"Prometheus answered {statusCode} without a status.");
        if (status.GetString() != "success")
        {
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : "error";
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : "no detail";
            throw new PrometheusQueryException($"Prometheus answered {statusCode} {type}: {error}");
        }

        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var resultType) ||
            !data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            throw new PrometheusQueryException("Prometheus answered success without data.resultType and data.result.");
        if (resultType.GetString() != "matrix")
            throw new PrometheusQueryException($"A range query answered a {resultType.GetString()}, not a matrix.");

        var series = new List<MetricSeries>();
        foreach (var item in result.EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in metric.EnumerateObject())
                    labels[label.Name] = label.Value.GetString() ?? "";
            }

            var samples = new List<MetricSample>();
            if (item.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var pair in values.EnumerateArray())
                    samples.Add(Sample(pair));
            }

            series.Add(new MetricSeries(labels, samples));
        }

        return series;
    }

    /// <summary>A sample is <c>[unix seconds (number), "value" (string: a float, "NaN", "+Inf", "-Inf")]</c>.</summary>
    private static MetricSample Sample(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number ||
            pair[1].ValueKind != JsonValueKind.String)
            throw new PrometheusQueryException($"A sample is not [time, \"value\"]: {Excerpt(pair.GetRawText())}");

        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000));
        var text = pair[1].GetString()!;
        var value = text switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw new PrometheusQueryException($"A sample value is not a number: \"{Excerpt(text)}\""),
        };
        return new MetricSample(at, value);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
