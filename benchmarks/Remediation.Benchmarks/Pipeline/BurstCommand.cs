using System.CommandLine;
using System.Globalization;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// <c>burst</c>: 2,000 incidents on distinct services, their alerts sent to the detector within 2 s; how long until every
/// one's RollbackRequested is consumed by the executor (per incident p50/p99/max, and the last one after the first alert).
/// </summary>
internal static class BurstCommand
{
    public static Command Create()
    {
        var incidents = new Option<int>("--incidents") { Description = "Incidents (distinct services).", DefaultValueFactory = _ => 2000 };
        var within = new Option<double>("--within") { Description = "Seconds over which their alerts are sent.", DefaultValueFactory = _ => 2 };
        var classic = QueueKind.ClassicOption();
        var command = new Command("burst", "2,000 incidents within 2 s: time for all to reach RollbackRequested at the executor.") { incidents, within, Prewarm.SecondsOption, Prewarm.RateOption, Stages.Option, classic };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(incidents), result.GetValue(within), Prewarm.From(result), result.GetValue(classic), result.GetValue(Stages.Option), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int incidents, double within, Prewarm prewarm, bool classicQueues, bool stages, CancellationToken cancellationToken)
    {
        var burst = PipelinePolicy.Services("burst", incidents);
        await using var run = await PipelineRun.StartAsync([.. prewarm.Services, .. burst], classicQueues, stages, cancellationToken);

        await prewarm.RunAsync(run, cancellationToken);
        var (latency, sending, first, last) = await run.MeasureAsync(burst, incidents / within, cancellationToken);

        var met = latency.At(99) <= 3000 && latency.Count == incidents;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst: {incidents} incidents' alerts sent in {sending.TotalSeconds:0.00} s; alert → executor per incident: {latency.Describe()}; " +
            $"the last reached the executor {(last - first).TotalSeconds:0.00} s after the first alert; target p99 ≤ 3 s: {(met ? "met" : "missed")}"));
        Console.WriteLine($"load at the end: {Machine.LoadAverage()}; detector 429/503 retried: {run.Sender.Retried}, failed: {run.Sender.Failed}");
        return met && run.Sender.Failed == 0 ? 0 : 1;
    }
}
