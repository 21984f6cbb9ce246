using System.Reflection;
using System.Text;

namespace Remediation.Contracts.Tests;

/// <summary>
/// A snapshot of the contracts' public surface. Adding a type or an optional property updates the snapshot (run with
/// REMEDIATION_UPDATE_GOLDEN=1); removing or retyping anything shows up here as a breaking change for other teams.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_snapshot()
    {
        var actual = Describe();
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "PublicApi.txt");
        if (Environment.GetEnvironmentVariable("REMEDIATION_UPDATE_GOLDEN") == "1")
            File.WriteAllText(SourcePath(), actual);

        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void Only_additions_since_the_snapshot_no_removals()
    {
        var snapshot = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", "PublicApi.txt")).ToHashSet(StringComparer.Ordinal);
        var current = Describe().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(snapshot.Except(current));
    }

    private static string Describe()
    {
        var lines = new StringBuilder();
        foreach (var type in ContractTypes.Assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsEnum)
            {
                foreach (var name in Enum.GetNames(type))
                    lines.Append($"enum {type.FullName}.{name} = {Convert.ToInt32(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)}\n");
                continue;
            }

            lines.Append($"type {type.FullName}\n");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                lines.Append($"  {type.FullName}.{property.Name}: {Name(property.PropertyType)}\n");
        }

        return lines.ToString();
    }

    private static string Name(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
            : type.FullName ?? type.Name;

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "Golden", "PublicApi.txt");
}
