using System.Text.Json;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>Reading the services' JSON answers without their types: properties found whatever their case.</summary>
public static class Json
{
    public static JsonElement? Find(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }

        return null;
    }

    public static JsonElement Get(this JsonElement element, string name) =>
        element.Find(name) ?? throw new KeyNotFoundException($"No '{name}' in {Abbreviate(element)}");

    public static string? Text(this JsonElement element, string name) =>
        element.Find(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        element.Find(name) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTimeOffset(out var time) ? time : null;

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) =>
        element.Find(name) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Select(e => e.GetString() ?? "")] : [];

    public static IEnumerable<JsonElement> Items(this JsonElement element, string? name = null)
    {
        var array = name is null ? element : element.Find(name);
        return array is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray() : [];
    }

    public static string Abbreviate(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 2000 ? text : text[..2000] + "...";
    }
}
