using System.Text.Json;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Executor.Requests;

/// <summary>The outcome messages as the ledger stores them, so that a redelivered request gets the very same answer.</summary>
public static class Outcomes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(RollbackCompleted), typeof(RollbackFailed), typeof(RemediationCompleted), typeof(RemediationFailed),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static string Serialize(object outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return JsonSerializer.Serialize(outcome, outcome.GetType(), Json);
    }

    public static object Deserialize(ExecutorRequest row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.OutcomeType is null || row.Outcome is null || !Types.TryGetValue(row.OutcomeType, out var type))
            throw new InvalidOperationException($"Request {row.RequestId} is {row.State} without a stored outcome.");
        return JsonSerializer.Deserialize(row.Outcome, type, Json)!;
    }

    public static (ExecutorRequestState State, string? ReasonCode, string Driver) Classify(object outcome) => outcome switch
    {
        RollbackCompleted c => (ExecutorRequestState.Completed, null, c.Driver),
        RollbackFailed f => (ExecutorRequestState.Failed, f.ReasonCode, f.Driver),
        RemediationCompleted => (ExecutorRequestState.Completed, null, ""),
        RemediationFailed f => (ExecutorRequestState.Failed, f.ReasonCode, ""),
        _ => throw new ArgumentException($"{outcome.GetType().Name} is not an outcome.", nameof(outcome)),
    };
}
