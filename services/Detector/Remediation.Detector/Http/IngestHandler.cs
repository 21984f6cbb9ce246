using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Contracts.Deployments;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;
using Remediation.Detector.Sources;
using Remediation.Detector.State;
using Remediation.Policy;
using Remediation.Security;

namespace Remediation.Detector.Http;

/// <summary>
/// The inbound endpoints' work: read the body (type, cap, UTF-8), verify a signature where the source signs, parse the
/// source's format, map to services, and hand off. Every refusal is a 4xx problem with a stable code, counted, with nothing
/// published; failures of the database or the broker are 503 with Retry-After; nothing here answers 5xx otherwise.
/// </summary>
public sealed class IngestHandler(
    IOptionsMonitor<DetectorOptions> options,
    SignalMapper mapper,
    SignalPipeline pipeline,
    OutboxPublisher outbox,
    HandoffGate gate,
    IPolicyProvider policies,
    DetectorMetrics metrics,
    TimeProvider time,
    ILogger<IngestHandler> logger)
{
    public const string Alertmanager = AlertmanagerParser.Alertmanager;
    public const string Grafana = AlertmanagerParser.Grafana;
    public const string Datadog = DatadogParser.Source;
    public const string Push = PushParser.Source;
    public const string Deployments = "deployments";

    public async Task<IResult> SignalsAsync(HttpContext context, string source)
    {
        var settings = options.CurrentValue;
        var (body, rejection) = await RequestBody.ReadAsync(context.Request, settings.MaxBodyBytes, context.RequestAborted);
        if (body is null)
            return Refuse(source, rejection!);

        ParseOutcome parsed;
        using (body)
        {
            if (source == Grafana && VerifyGrafanaSignature(context.Request, body.Span, settings.Sources.Grafana) is { } unsigned)
                return Refuse(source, unsigned);

            var now = time.GetUtcNow();
            parsed = source switch
            {
                Alertmanager or Grafana => AlertmanagerParser.Parse(body.Span, source, settings, now),
                Datadog => DatadogParser.Parse(body.Span, settings, now),
                _ => PushParser.Parse(body.Span, settings, now),
            };
        }

        if (parsed.Rejection is { } invalid)
            return Refuse(source, invalid);

        var reports = new List<SignalReport>(parsed.Alerts.Count);
        List<UnmappedSignal>? unmapped = null;
        foreach (var alert in parsed.Alerts)
        {
            if (mapper.TryMap(alert, out var report, out var miss))
            {
                reports.Add(report!);
            }
            else
            {
                metrics.Unmapped(source);
                (unmapped ??= []).Add(new UnmappedSignal(miss!.Source, miss.AlertName, miss.Reason));
            }
        }

        if (reports.Count == 0 && unmapped is not null)
        {
            logger.LogWarning("{Source} request maps to no known service: {Reasons}", source, string.Join("; ", unmapped.Select(u => u.Reason).Distinct()));
            return Refuse(source, new Rejection(422, ProblemCodes.UnknownService,
                $"No signal maps to a service in the policy: {Describe(unmapped)}."), unmapped);
        }

        var outcome = reports.Count == 0
            ? new SubmitOutcome(SubmitStatus.Accepted, 0, 0, 0)
            : await pipeline.SubmitAsync(reports, context.RequestAborted);
        if (Unavailable(context, source, outcome.Status) is { } failed)
            return failed;

        metrics.Request(source, "accepted");
        metrics.Signals(source, "new", outcome.New);
        metrics.Signals(source, "duplicate", outcome.Duplicates);
        return Results.Json(new IngestResponse
        {
            Accepted = reports.Count,
            New = outcome.New,
            Duplicates = outcome.Duplicates,
            Published = outcome.Published,
            TruncatedAlerts = parsed.TruncatedAlerts,
            Unmapped = unmapped ?? [],
        }, DetectorJson.Default.IngestResponse, statusCode: StatusCodes.Status202Accepted);
    }

    public async Task<IResult> DeploymentAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        var (body, rejection) = await RequestBody.ReadAsync(context.Request, settings.MaxBodyBytes, context.RequestAborted);
        if (body is null)
            return Refuse(Deployments, rejection!);

        DeploymentRecorded? deployment;
        using (body)
            deployment = DeploymentParser.Parse(body.Span, settings, time.GetUtcNow(), out rejection);
        if (deployment is null)
            return Refuse(Deployments, rejection!);
        if (policies.Find(deployment.Environment, deployment.Service) is null)
            return Refuse(Deployments, new Rejection(422, ProblemCodes.UnknownService,
                $"{deployment.Environment}/{deployment.Service} is not a service in the policy."));

        using var lease = await gate.AcquireAsync(context.RequestAborted);
        if (!lease.IsAcquired)
            return Unavailable(context, Deployments, SubmitStatus.Overloaded)!;

        IReadOnlyList<PendingMessage> pending;
        try
        {
            pending = await outbox.StoreAsync([deployment], context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            metrics.HandoffFailed("storage");
            logger.LogWarning(ex, "Storing deployment {DeploymentId} failed", deployment.DeploymentId);
            return Unavailable(context, Deployments, SubmitStatus.StorageUnavailable)!;
        }

        try
        {
            await outbox.PublishAsync(pending, context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            metrics.HandoffFailed("broker");
            logger.LogWarning(ex, "Publishing deployment {DeploymentId} failed; it waits in the outbox", deployment.DeploymentId);
            return Unavailable(context, Deployments, SubmitStatus.BrokerUnavailable)!;
        }

        metrics.Request(Deployments, "accepted");
        metrics.Published(nameof(DeploymentRecorded));
        logger.LogInformation("Deployment {DeploymentId} of {Environment}/{Service} {Version} recorded", deployment.DeploymentId,
            deployment.Environment, deployment.Service, deployment.Version);
        return Results.Json(new DeploymentAccepted(deployment.DeploymentId, deployment.Environment, deployment.Service, deployment.Version),
            DetectorJson.Default.DeploymentAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    private Rejection? VerifyGrafanaSignature(HttpRequest request, ReadOnlySpan<byte> body, GrafanaSourceOptions grafana)
    {
        if (string.IsNullOrEmpty(grafana.HmacSecret))
            return null;

        string? timestamp = null;
        if (!string.IsNullOrWhiteSpace(grafana.TimestampHeader))
        {
            timestamp = request.Headers[grafana.TimestampHeader].ToString();
            if (string.IsNullOrEmpty(timestamp))
                return new Rejection(401, ProblemCodes.SignatureMissing, $"The {grafana.TimestampHeader} header is missing; the signature covers it.");
        }

        var presented = request.Headers[grafana.SignatureHeader].ToString();
        return HmacSignature.Verify(grafana.HmacSecret, body, presented, timestamp, grafana.ReplayWindow, time.GetUtcNow()) switch
        {
            HmacVerification.Valid => null,
            HmacVerification.Missing => new Rejection(401, ProblemCodes.SignatureMissing, $"The {grafana.SignatureHeader} header is missing."),
            HmacVerification.BadTimestamp => new Rejection(401, ProblemCodes.TimestampInvalid, $"The {grafana.TimestampHeader} header is not a Unix time."),
            HmacVerification.Expired => new Rejection(401, ProblemCodes.SignatureExpired,
                $"The signed timestamp is more than {Duration.Format(grafana.ReplayWindow)} away from now (replayed or clock skew)."),
            _ => new Rejection(401, ProblemCodes.SignatureInvalid, $"The {grafana.SignatureHeader} signature does not match the body."),
        };
    }

    private IResult Refuse(string source, Rejection rejection, IReadOnlyList<UnmappedSignal>? unmapped = null)
    {
        metrics.Rejected(source, rejection.Code);
        metrics.Request(source, "rejected");
        logger.LogDebug("{Source} request refused with {Status} {Code}: {Detail}", source, rejection.Status, rejection.Code, rejection.Detail);
        return unmapped is null
            ? Problems.Result(rejection.Status, rejection.Code, rejection.Detail)
            : Problems.Result(rejection.Status, rejection.Code, rejection.Detail, new Dictionary<string, object?> { ["unmapped"] = unmapped });
    }

    private IResult? Unavailable(HttpContext context, string source, SubmitStatus status)
    {
        if (status == SubmitStatus.Accepted)
            return null;

        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.CurrentValue.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, httpStatus, detail) = status switch
        {
            SubmitStatus.Overloaded => (ProblemCodes.Overloaded, 429, "Too many requests are being handed off; retry after the given delay."),
            SubmitStatus.StorageUnavailable => (ProblemCodes.StorageUnavailable, 503, "The detector's database is unavailable; nothing of this request was accepted. Retry."),
            _ => (ProblemCodes.BrokerUnavailable, 503, "The broker did not confirm in time; what is new is stored and will be published. Retry."),
        };
        metrics.Rejected(source, code);
        metrics.Request(source, code);
        return Problems.Result(httpStatus, code, detail);
    }

    private static string Describe(List<UnmappedSignal> unmapped)
    {
        var reasons = unmapped.GroupBy(u => u.Reason).Select(g =>
        {
            var alerts = g.Select(u => u.Alert).Where(a => a is not null).Distinct().Take(5).ToList();
            return alerts.Count == 0 ? g.Key : $"{g.Key} (alerts: {string.Join(", ", alerts)})";
        }).Take(5);
        return string.Join("; ", reasons);
    }
}
