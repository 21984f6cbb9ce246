using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remediation.Postmortem.Reports;

/// <summary>How the postmortem API writes JSON: camelCase, enums as camelCase names, durations as seconds, nulls left out.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Served as application/json, never inlined in HTML: keep "→" and ">" readable instead of \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new SecondsConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static PostmortemReport Deserialize(string json) =>
        JsonSerializer.Deserialize<PostmortemReport>(json, Options) ?? throw new JsonException("The stored report is null.");

    /// <summary>A duration as a number of seconds (fractions kept): what a script or a dashboard wants to compute with.</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalSeconds, 3));
    }
}
