using System.CommandLine;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// The queue type of a run: quorum by default, as a production deployment should use (RabbitMQ confirms a persistent
/// message on a classic queue only when the queue syncs to disk, at most every 200 ms while it is busy, and each consumer
/// holds its prefetch slot until its publishes are confirmed); classic to compare.
/// </summary>
internal static class QueueKind
{
    public static Option<bool> ClassicOption() =>
        new("--classic-queues") { Description = "Classic durable queues instead of quorum queues (the hosts' and the bare round trip's)." };

    public static string Describe(bool classic) => classic ? "classic durable queues" : "quorum queues";
}
