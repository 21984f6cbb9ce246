using Polly;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels;

/// <summary>A channel as configured: its name, settings and type, the events it hears, its gate, retry pipeline and concurrency.</summary>
internal sealed class ConfiguredChannel(
    string name,
    ChannelOptions options,
    INotificationChannel implementation,
    IReadOnlySet<NotificationKind> events,
    ChannelGate gate,
    ResiliencePipeline<DeliveryOutcome> pipeline) : IDisposable
{
    public string Name => name;

    public ChannelOptions Options => options;

    public INotificationChannel Implementation => implementation;

    public string Type => implementation.Type;

    public ChannelCategory Category => implementation.Category;

    public IReadOnlySet<NotificationKind> Events => events;

    public ChannelGate Gate => gate;

    public ResiliencePipeline<DeliveryOutcome> Pipeline => pipeline;

    /// <summary>Free delivery slots on this channel (<see cref="ChannelOptions.MaxConcurrency"/>).</summary>
    public SemaphoreSlim Slots { get; } = new(options.MaxConcurrency, options.MaxConcurrency);

    public bool Enabled => options.Enabled;

    public bool Handles(NotificationKind kind) => options.Enabled && events.Contains(kind);

    public void Dispose()
    {
        gate.Dispose();
        Slots.Dispose();
    }
}
