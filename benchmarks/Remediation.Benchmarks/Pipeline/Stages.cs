using System.CommandLine;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// "Where the time goes": the benchmark's own bus also consumes every <c>AnomalyDetected</c> and <c>RollbackRequested</c>
/// to time each stage. That is two more deliveries per anomaly for the broker and work for this process, on the same two
/// cores as what is measured, so it is asked for (<c>--stages</c>) and the headline figures are taken without it.
/// </summary>
internal static class Stages
{
    public static readonly Option<bool> Option = new("--stages")
    {
        Description = "Also time each stage (detector → decision → delivery → executor); adds load, so compare with a run without it.",
    };
}
