namespace Remediation.Messaging;

/// <summary>The transport and its settings. Bound from <c>Remediation:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Remediation:Messaging";

    /// <summary><see cref="MessagingTransport.InMemory"/> (one process, the embedded default) or <see cref="MessagingTransport.RabbitMq"/>.</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// Intervals between immediate retries of a failing message before it goes to its <c>_error</c> queue; empty means
    /// <see cref="DefaultRetryIntervals"/>. The defaults are not in this list because the configuration binder appends
    /// configured items to a list that already has some: configured intervals must replace the defaults, not extend them.
    /// </summary>
    public List<TimeSpan> RetryIntervals { get; set; } = [];

    public static IReadOnlyList<TimeSpan> DefaultRetryIntervals { get; } =
        [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>The intervals the bus uses: the configured ones, or the defaults.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryIntervals => RetryIntervals.Count > 0 ? RetryIntervals : DefaultRetryIntervals;

    /// <summary>The queue of the durable scheduler (see Remediation.Scheduling) that every scheduled message is sent to.</summary>
    public string SchedulerQueue { get; set; } = "scheduler";

    /// <summary>An optional prefix for every queue name, to share a virtual host between installations.</summary>
    public string? QueuePrefix { get; set; }
}
