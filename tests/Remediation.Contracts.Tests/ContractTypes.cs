using System.Reflection;
using Remediation.Contracts.Anomalies;

namespace Remediation.Contracts.Tests;

/// <summary>The message types of the contracts assembly (public records with an OccurredAt), found by reflection.</summary>
public static class ContractTypes
{
    public static Assembly Assembly { get; } = typeof(AnomalyDetected).Assembly;

    public static IReadOnlyList<Type> Messages { get; } =
        [.. Assembly.GetExportedTypes().Where(t => t.IsClass && t.GetProperty("OccurredAt") is not null).OrderBy(t => t.FullName, StringComparer.Ordinal)];
}
