using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Remediation.Detector.Options;

namespace Remediation.Detector.Checks;

/// <summary>
/// Prometheus' HTTP API, instant queries only: <c>GET /api/v1/query?query=...</c>. Vector and scalar results give their
/// sample values; NaN samples are skipped; an error answer or a transport failure is a failed result, never an exception.
/// </summary>
public sealed class PrometheusClient(IHttpClientFactory clients, IOptionsMonitor<DetectorOptions> options)
{
    public const string HttpClientName = "prometheus";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.Prometheus.Url);

    public string? GraphLink(string query) =>
        IsConfigured ? $"{options.CurrentValue.Prometheus.Url!.TrimEnd('/')}/graph?g0.expr={Uri.EscapeDataString(query)}&g0.tab=1" : null;

    public async Task<QueryResult> QueryAsync(string query, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Prometheus;
        if (string.IsNullOrWhiteSpace(settings.Url))
            return QueryResult.Fail("Remediation:Detector:Prometheus:Url is not set.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            var uri = new Uri($"{settings.Url.TrimEnd('/')}/api/v1/query?query={Uri.EscapeDataString(query)}");
            using var response = await client.GetAsync(uri, timeout.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: timeout.Token);
            return Read(document.RootElement, (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return QueryResult.Fail($"Prometheus did not answer within {settings.Timeout.TotalSeconds:0.#}s.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return QueryResult.Fail($"Prometheus query failed: {ex.Message}");
        }
    }

    /// <summary>Reads a query answer (public for tests with answers taken from Prometheus' documentation).</summary>
    public static QueryResult Read(JsonElement root, int status)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var s))
            return QueryResult.Fail($"Prometheus answered {status} without a status.");
        if (s.GetString() != "success")
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            return QueryResult.Fail($"Prometheus answered {status} {type}: {error}");
        }

        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("result", out var result))
            return QueryResult.Fail("Prometheus' answer has no data.result.");

        var kind = data.TryGetProperty("resultType", out var k) ? k.GetString() : null;
        var values = new List<double>();
        switch (kind)
        {
            case "vector":
                foreach (var series in result.EnumerateArray())
                {
                    if (series.TryGetProperty("value", out var sample) && Sample(sample) is { } v)
                        values.Add(v);
                }

                break;
            case "scalar":
                if (Sample(result) is { } scalar)
                    values.Add(scalar);
                break;
            default:
                return QueryResult.Fail($"Result type '{kind}' is not supported; write an instant query that returns a vector or a scalar.");
        }

        return new QueryResult(values);
    }

    private static double? Sample(JsonElement pair) =>
        pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2 && pair[1].ValueKind == JsonValueKind.String &&
        double.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : null;
}
