using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remediation.Detector.Sources;

/// <summary>Source-generated (reflection-free, fast) JSON for every inbound body. Names are matched case-insensitively.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(AlertmanagerWebhook))]
[JsonSerializable(typeof(PushedSignal))]
[JsonSerializable(typeof(PushedSignalBatch))]
[JsonSerializable(typeof(List<PushedSignal?>))]
[JsonSerializable(typeof(DeploymentHook))]
[JsonSerializable(typeof(Http.IngestResponse))]
[JsonSerializable(typeof(Http.DeploymentAccepted))]
internal sealed partial class DetectorJson : JsonSerializerContext;

/// <summary>Datadog's payload template uses snake_case field names (<c>alert_cycle_key</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(DatadogWebhook))]
internal sealed partial class DatadogJson : JsonSerializerContext;
