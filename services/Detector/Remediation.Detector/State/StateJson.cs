using System.Text.Json;
using System.Text.Json.Serialization;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Deployments;
using Remediation.Detector.Evaluation;

namespace Remediation.Detector.State;

/// <summary>How service states and outbox messages are written to the tables.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ServiceState state) => JsonSerializer.Serialize(state, Options);

    public static ServiceState Deserialize(string document) => JsonSerializer.Deserialize<ServiceState>(document, Options) ?? ServiceState.Empty;

    public static string SerializeMessage(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static string TypeOf(object message) => message switch
    {
        AnomalyDetected => nameof(AnomalyDetected),
        AnomalyCleared => nameof(AnomalyCleared),
        DeploymentRecorded => nameof(DeploymentRecorded),
        _ => throw new ArgumentException($"The detector does not publish {message.GetType().Name}.", nameof(message)),
    };

    public static object ReadMessage(string type, string payload) => type switch
    {
        nameof(AnomalyDetected) => JsonSerializer.Deserialize<AnomalyDetected>(payload, Options)!,
        nameof(AnomalyCleared) => JsonSerializer.Deserialize<AnomalyCleared>(payload, Options)!,
        nameof(DeploymentRecorded) => JsonSerializer.Deserialize<DeploymentRecorded>(payload, Options)!,
        _ => throw new InvalidOperationException($"Unknown outbox message type '{type}'."),
    };
}
