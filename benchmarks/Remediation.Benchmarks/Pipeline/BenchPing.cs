namespace Remediation.Benchmarks.Pipeline;

/// <summary>The message of the bare publish → consume round trip: its send time on this process' stopwatch.</summary>
public sealed record BenchPing(Guid Id, long SentTimestamp);
