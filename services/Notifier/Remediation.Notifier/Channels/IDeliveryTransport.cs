using Remediation.Notifier.Persistence;

namespace Remediation.Notifier.Channels;

/// <summary>What a delivery uses to reach the outside: the channel's gate, the HTTP client, the attempt log, the references.</summary>
internal interface IDeliveryTransport
{
    Task<HttpExchange> SendAsync(DeliveryContext context, string step, HttpRequestMessage request,
        Func<HttpExchange, DeliveryResult>? classify, CancellationToken cancellationToken);

    /// <summary>Stores a reference; false when the database could not be reached (the caller keeps it).</summary>
    Task<bool> SaveReferenceAsync(ExternalReference reference, CancellationToken cancellationToken);
}
