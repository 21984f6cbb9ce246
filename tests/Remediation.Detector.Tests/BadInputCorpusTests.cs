using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Remediation.Detector.Tests;

/// <summary>Every kind of bad input gets a 4xx problem with its code, publishes nothing, and is counted.</summary>
public sealed class BadInputCorpusTests(BadInputCorpusTests.Fixture fixture) : IClassFixture<BadInputCorpusTests.Fixture>
{
    private const string Alertmanager = "/api/v1/alerts/alertmanager";
    private const string Grafana = "/api/v1/alerts/grafana";
    private const string Datadog = "/api/v1/alerts/datadog";
    private const string Signals = "/api/v1/signals";
    private const string Deployments = "/api/v1/deployments";

    public sealed record Case(string Name, string Path, byte[] Body, string? ContentType, int Status, string Code, string? Token = DetectorHost.IngestToken)
    {
        public override string ToString() => Name;
    }

    private static string Am(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(DetectorHost.Payload("alertmanager-firing.json"))!;
        change(node);
        return node.ToJsonString();
    }

    private static string Dd(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(DetectorHost.Payload("datadog-triggered.json"))!;
        change(node);
        return node.ToJsonString();
    }

    private static Case Json(string name, string path, string body, int status, string code) =>
        new(name, path, Encoding.UTF8.GetBytes(body), "application/json", status, code);

    public static TheoryData<Case> Corpus()
    {
        var firing = DetectorHost.Payload("alertmanager-firing.json");
        var invalidUtf8 = Encoding.UTF8.GetBytes(firing.Replace("Error rate above 5%", "Error rate \u00ff above", StringComparison.Ordinal));
        var at = Array.IndexOf(invalidUtf8, (byte)0xC3);
        invalidUtf8[at] = 0xFF; // a byte that never occurs in UTF-8
        var manyLabels = Am(n =>
        {
            for (var i = 0; i < 100; i++)
                n["alerts"]![0]!["labels"]![$"l{i}"] = "x";
        });

        return new TheoryData<Case>(
        [
            new("wrong content type", Alertmanager, Encoding.UTF8.GetBytes(firing), "text/plain", 415, "unsupported-media-type"),
            new("no content type", Alertmanager, Encoding.UTF8.GetBytes(firing), null, 415, "unsupported-media-type"),
            new("latin-1 charset", Alertmanager, Encoding.UTF8.GetBytes(firing), "application/json; charset=iso-8859-1", 415, "unsupported-media-type"),
            new("Datadog encoded as form", Datadog, "alert_transition=Triggered"u8.ToArray(), "application/x-www-form-urlencoded", 415, "unsupported-media-type"),
            new("body over the cap", Alertmanager, Encoding.UTF8.GetBytes(Am(n => n["commonAnnotations"]!["pad"] = new string('x', 300 * 1024))), "application/json", 413, "body-too-large"),
            Json("empty body", Alertmanager, "", 400, "empty-body"),
            Json("whitespace body", Alertmanager, "  \n ", 400, "empty-body"),
            new("invalid UTF-8", Alertmanager, invalidUtf8, "application/json", 400, "invalid-utf8"),
            Json("truncated JSON", Alertmanager, firing[..(firing.Length / 2)], 400, "malformed-json"),
            Json("not JSON", Alertmanager, "version=4&alerts=1", 400, "malformed-json"),
            Json("JSON null", Alertmanager, "null", 400, "malformed-json"),
            Json("array instead of object", Alertmanager, "[]", 400, "malformed-json"),
            Json("label value is a number", Alertmanager, Am(n => n["alerts"]![0]!["labels"]!["replicas"] = 3), 400, "malformed-json"),
            Json("wrong Alertmanager version", Alertmanager, Am(n => n["version"] = "3"), 400, "unsupported-version"),
            Json("missing version", Alertmanager, Am(n => n.AsObject().Remove("version")), 400, "missing-field"),
            Json("Alertmanager body to the Grafana endpoint", Grafana, firing, 400, "unsupported-version"),
            Json("empty alerts", Alertmanager, Am(n => n["alerts"] = new JsonArray()), 400, "no-alerts"),
            Json("missing alerts", Alertmanager, Am(n => n.AsObject().Remove("alerts")), 400, "missing-field"),
            Json("null alert", Alertmanager, Am(n => n["alerts"]![0] = null), 400, "invalid-field"),
            Json("alert without status", Alertmanager, Am(n => n["alerts"]![0]!.AsObject().Remove("status")), 400, "missing-field"),
            Json("alert with unknown status", Alertmanager, Am(n => n["alerts"]![0]!["status"] = "pending"), 400, "invalid-field"),
            Json("alert without labels", Alertmanager, Am(n => n["alerts"]![0]!.AsObject().Remove("labels")), 400, "missing-field"),
            Json("oversized label value", Alertmanager, Am(n => n["alerts"]![0]!["labels"]!["pod"] = new string('p', 5000)), 400, "label-too-large"),
            Json("oversized label name", Alertmanager, Am(n => n["alerts"]![0]!["labels"]![new string('n', 300)] = "x"), 400, "label-too-large"),
            Json("too many labels", Alertmanager, manyLabels, 400, "label-too-large"),
            Json("bad startsAt", Alertmanager, Am(n => n["alerts"]![0]!["startsAt"] = "yesterday"), 400, "invalid-field"),
            Json("Datadog without transition", Datadog, Dd(n => n.AsObject().Remove("alert_transition")), 400, "missing-field"),
            Json("Datadog unknown transition", Datadog, Dd(n => n["alert_transition"] = "Exploded"), 400, "invalid-field"),
            Json("Datadog without cycle key or id", Datadog, Dd(n => { n.AsObject().Remove("alert_cycle_key"); n.AsObject().Remove("alert_id"); }), 400, "missing-field"),
            Json("Datadog value not a number", Datadog, Dd(n => n["value"] = "high"), 400, "invalid-field"),
            Json("Datadog bad date", Datadog, Dd(n => n["date"] = "last tuesday"), 400, "invalid-field"),
            Json("push without service", Signals, """{ "environment": "production", "signal": "error_rate", "value": 1 }""", 400, "missing-field"),
            Json("push without value", Signals, """{ "service": "checkout", "environment": "production", "signal": "error_rate" }""", 400, "missing-field"),
            Json("push value not a number", Signals, """{ "service": "checkout", "environment": "production", "signal": "error_rate", "value": "lots" }""", 400, "invalid-field"),
            Json("push value is an object", Signals, """{ "service": "checkout", "environment": "production", "signal": "error_rate", "value": {} }""", 400, "invalid-field"),
            Json("push bad direction", Signals, """{ "service": "checkout", "environment": "production", "signal": "error_rate", "value": 1, "direction": "sideways" }""", 400, "invalid-field"),
            Json("push empty batch", Signals, """{ "signals": [] }""", 400, "no-alerts"),
            Json("push unknown service", Signals, """{ "service": "billing", "environment": "production", "signal": "error_rate", "value": 1 }""", 422, "unknown-service"),
            Json("deployment without version", Deployments, """{ "service": "checkout", "environment": "production" }""", 400, "missing-field"),
            Json("deployment bad time", Deployments, """{ "service": "checkout", "environment": "production", "version": "v2", "deployedAt": "soon" }""", 400, "invalid-field"),
            Json("deployment irreversible not a boolean", Deployments, """{ "service": "checkout", "environment": "production", "version": "v2", "irreversible": "maybe" }""", 400, "malformed-json"),
            new("no credentials", Alertmanager, Encoding.UTF8.GetBytes(firing), "application/json", 401, "unauthenticated", null),
            new("wrong token", Alertmanager, Encoding.UTF8.GetBytes(firing), "application/json", 401, "unauthenticated", "not-a-valid-token-at-all"),
            new("token without the ingest role", Alertmanager, Encoding.UTF8.GetBytes(firing), "application/json", 403, "forbidden", DetectorHost.ReaderToken),
        ]);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_gets_a_4xx_problem_naming_it_and_publishes_nothing(Case input)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, input.Path) { Content = new ByteArrayContent(input.Body) };
        if (input.ContentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType);
        if (input.Token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", input.Token);
        var countedBefore = fixture.Rejections(input.Code);

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal((HttpStatusCode)input.Status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(input.Code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Empty(fixture.Host.Harness.Published.Select<object>());
        if (input.Status is not (401 or 403))
            Assert.Equal(countedBefore + 1, fixture.Rejections(input.Code));
    }

    /// <summary>One detector for the whole corpus (nothing it receives is accepted), and a listener on its rejection counter.</summary>
    public sealed class Fixture : IAsyncLifetime, IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _rejections = [];

        public DetectorHost Host { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public long Rejections(string code)
        {
            lock (_rejections)
                return _rejections.GetValueOrDefault(code);
        }

        public async Task InitializeAsync()
        {
            Host = await DetectorHost.StartAsync();
            Client = Host.CreateAnonymousClient();
            var factory = Host.App.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "remediation.detector.rejections")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "code" && tag.Value is string code)
                    {
                        lock (_rejections)
                            _rejections[code] = _rejections.GetValueOrDefault(code) + value;
                    }
                }
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }
}
