using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Remediation.Persistence;

/// <summary>Model conventions every context shares: snake_case names, and times stored so both providers can sort them.</summary>
public static class NamingConventions
{
    /// <summary>
    /// Names tables and columns in snake_case. On SQLite, which cannot compare or order <see cref="DateTimeOffset"/>
    /// values in SQL, times are stored as UTC ticks; on PostgreSQL they are <c>timestamptz</c>, always written in UTC.
    /// </summary>
    public static void ApplyRemediationConventions(this ModelBuilder model, DbContext context)
    {
        var sqlite = context.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        foreach (var entity in model.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && !entity.IsOwned())
                entity.SetTableName(ToSnakeCase(table));

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName()));
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(DateTimeOffset) && property.GetValueConverter() is null)
                    property.SetValueConverter(sqlite ? UtcTicks : Utc);
            }

            foreach (var key in entity.GetKeys())
                key.SetName(ToSnakeCase(key.GetName() ?? ""));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? ""));
        }
    }

    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> Utc =
        new(v => v.ToUniversalTime(), v => v);

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
