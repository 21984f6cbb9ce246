using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Remediation.Notifier.Channels;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Delivery;

/// <summary>
/// Sends a channel's requests: waits out the channel's pause (a 429's Retry-After) and takes a token from its rate limit,
/// bounds the request by the channel's timeout, reads the answer, and records the attempt. Nothing here logs a URL, a
/// header or a body sent: webhook URLs and keys are secrets.
/// </summary>
internal sealed class DeliveryTransport(
    IHttpClientFactory clients,
    IDbContextFactory<NotifierDbContext> contexts,
    NotifierMetrics metrics,
    TimeProvider time,
    ILogger<DeliveryTransport> logger) : IDeliveryTransport
{
    public const string ClientName = "Remediation.Notifier";
    private const int MaxBodyChars = 16 * 1024;
    private const int MaxErrorChars = 1000;

    public async Task<HttpExchange> SendAsync(DeliveryContext context, string step, HttpRequestMessage request,
        Func<HttpExchange, DeliveryResult>? classify, CancellationToken cancellationToken)
    {
        using var _ = request;
        var channel = context.Channel;

        // A pause longer than a run would wait ends the run without sending; the notification is rescheduled for then.
        var paused = channel.Gate.PausedFor(time.GetUtcNow());
        if (paused > channel.Options.Retry.MaxDelay)
        {
            return new HttpExchange
            {
                Result = DeliveryResult.Retryable,
                RetryAfter = paused,
                NetworkError = $"not sent: the service asked this channel to wait {TemplateText.Duration(paused)}",
            };
        }

        if (paused > TimeSpan.Zero)
            await Task.Delay(paused, time, cancellationToken);
        using var lease = await channel.Gate.AcquireAsync(cancellationToken);

        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        HttpExchange exchange;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(channel.Options.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadAsync(response.Content, timeout.Token);
            exchange = new HttpExchange { Status = (int)response.StatusCode, Body = body, RetryAfter = RetryAfter(response.Headers.RetryAfter, startedAt) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            exchange = new HttpExchange { NetworkError = $"no answer within {TemplateText.Duration(channel.Options.Timeout)}" };
        }
        catch (HttpRequestException ex)
        {
            // The message names the host at most (for example "Connection refused (host:443)"), never the path or query.
            exchange = new HttpExchange { NetworkError = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message };
        }

        var duration = time.GetElapsedTime(started);
        exchange = exchange with { Result = classify?.Invoke(exchange) ?? HttpExchange.Classify(exchange.Status) };
        if (exchange.Status is 429 or 420 && exchange.RetryAfter is { } wait)
            channel.Gate.PauseUntil(time.GetUtcNow() + wait);

        context.Attempts++;
        await RecordAsync(context, step, startedAt, duration, exchange);
        return exchange;
    }

    public async Task<bool> SaveReferenceAsync(ExternalReference reference, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await StoreAsync(db, reference, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not store the {Channel} reference of incident {IncidentId} yet", reference.Channel, reference.IncidentId);
            return false;
        }
    }

    /// <summary>Adds or updates a reference in a context (saved by the caller).</summary>
    public static async Task StoreAsync(NotifierDbContext db, ExternalReference reference, CancellationToken cancellationToken)
    {
        var existing = await db.References.FindAsync([reference.IncidentId, reference.Channel], cancellationToken);
        if (existing is null)
            db.References.Add(new ExternalReference
            {
                IncidentId = reference.IncidentId,
                Channel = reference.Channel,
                ExternalId = reference.ExternalId,
                DisplayId = reference.DisplayId,
                Url = reference.Url,
                State = reference.State,
                CreatedAt = reference.CreatedAt,
                UpdatedAt = reference.UpdatedAt,
            });
        else
            db.Entry(existing).CurrentValues.SetValues(reference);
    }

    private async Task RecordAsync(DeliveryContext context, string step, DateTimeOffset startedAt, TimeSpan duration, HttpExchange exchange)
    {
        var outcome = exchange.Result.ToString().ToLowerInvariant();
        metrics.Attempt(context.Channel.Name, context.Channel.Type, outcome);
        logger.LogDebug("Channel {Channel} {Step} for notification {NotificationId}: {Outcome} {Status} in {Duration} ms",
            context.Channel.Name, step, context.Notification.Id, outcome, exchange.Status, duration.TotalMilliseconds);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            db.Attempts.Add(new DeliveryAttempt
            {
                NotificationId = context.Notification.Id,
                Number = context.Attempts,
                Step = step,
                StartedAt = startedAt,
                DurationMs = Math.Round(duration.TotalMilliseconds, 1),
                Outcome = outcome,
                HttpStatus = exchange.Status,
                Error = exchange.Succeeded ? null : TemplateText.Truncate(exchange.ErrorText, MaxErrorChars),
                RetryAfterSeconds = exchange.RetryAfter?.TotalSeconds,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The request went out: failing the delivery now would send it again. The notification row still counts it.
            logger.LogWarning(ex, "Could not record attempt {Number} of notification {NotificationId}", context.Attempts, context.Notification.Id);
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
                break;
            read += n;
        }

        return new string(buffer, 0, read);
    }
}
