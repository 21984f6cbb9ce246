using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Remediation.Detector.Ingestion;

namespace Remediation.Detector.Sources;

/// <summary>Deserializes a body, turning every JSON problem into a 400 that says where it is.</summary>
internal static class JsonBody
{
    public static T? Read<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, out Rejection? rejection)
        where T : class
    {
        rejection = null;
        try
        {
            var value = JsonSerializer.Deserialize(body, type);
            if (value is null)
                rejection = Rejection.BadRequest(ProblemCodes.MalformedJson, "The body is JSON null; a JSON object is expected.");
            return value;
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : "";
            rejection = Rejection.BadRequest(ProblemCodes.MalformedJson, $"The body is not valid JSON for this endpoint{where}{line}: {FirstSentence(ex.Message)}");
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }
}
