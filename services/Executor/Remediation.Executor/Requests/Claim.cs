namespace Remediation.Executor.Requests;

/// <summary>What claiming a request found: a new request, one to resume (an earlier attempt lapsed), or one already finished.</summary>
public sealed record Claim(ClaimStatus Status, ExecutorRequest Row, string Owner);
