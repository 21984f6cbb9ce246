using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Remediation.Persistence;

/// <summary>Properties stored as JSON documents: <c>jsonb</c> on PostgreSQL, <c>TEXT</c> on SQLite.</summary>
public static class JsonColumns
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property, DbContext context)
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        if (context.IsPostgreSql())
            property.HasColumnType("jsonb");
        return property;
    }

    public static PropertyBuilder<string> IsJsonDocument(this PropertyBuilder<string> property, DbContext context)
    {
        if (context.IsPostgreSql())
            property.HasColumnType("jsonb");
        return property;
    }

    public static bool IsPostgreSql(this DbContext context) =>
        context.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
}
