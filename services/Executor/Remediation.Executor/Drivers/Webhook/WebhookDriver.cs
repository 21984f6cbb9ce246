using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Remediation.Policy;

namespace Remediation.Executor.Drivers.Webhook;

/// <summary>
/// The <c>webhook</c> driver: hands the rollback (or runbook action) to a CD system (Argo CD, Spinnaker, Jenkins, GitHub
/// Actions) by calling its <c>url</c> with a templated JSON body, the configured credential's header and an
/// <c>Idempotency-Key</c> of the request id. 5xx, 408, 429 and timeouts are retried with exponential backoff (Retry-After
/// honoured); any other 4xx fails at once with the answer's text. A CD system cannot be observed from here, so a request
/// whose earlier attempt got as far as calling it is not called again: it fails with <c>outcome-unknown</c> for a person to check.
/// </summary>
internal sealed class WebhookDriver(IHttpClientFactory httpClients, IOptions<ExecutorOptions> options, TimeProvider time, ILogger<WebhookDriver> logger)
    : IExecutorDriver
{
    public const string HttpClientName = "remediation-executor-webhook";
    private const int MaxAnswerText = 500;

    public string Name => "webhook";

    public async Task<RollbackResult> RollbackAsync(RollbackOrder order, CancellationToken cancellationToken)
    {
        var r = order.Request;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["service"] = r.Service,
            ["environment"] = r.Environment,
            ["from_version"] = r.FromVersion,
            ["to_version"] = r.ToVersion,
            ["to_revision"] = r.ToRevision,
            ["to_image"] = r.ToImage,
            ["request_id"] = r.RequestId.ToString(),
            ["incident_id"] = r.IncidentId.ToString(),
            ["reason"] = r.Reason,
            ["requested_by"] = r.RequestedBy,
        };
        var started = time.GetUtcNow();
        var details = await CallAsync(order.Policy, order.Attempt, r.RequestId, values, cancellationToken);
        return new RollbackResult(r.FromVersion, r.ToVersion, AlreadyAtTarget: false, details, time.GetUtcNow() - started);
    }

    public async Task<RemediationResult> RemediateAsync(RemediationOrder order, CancellationToken cancellationToken)
    {
        var r = order.Request;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["service"] = r.Service,
            ["environment"] = r.Environment,
            ["request_id"] = r.RequestId.ToString(),
            ["incident_id"] = r.IncidentId.ToString(),
            ["reason"] = r.Reason,
            ["action"] = r.Action,
        };
        return new RemediationResult(await CallAsync(order.Policy, order.Attempt, r.RequestId, values, cancellationToken));
    }

    private async Task<string> CallAsync(
        ServicePolicy policy, ExecutionAttempt attempt, Guid requestId, Dictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var url = new Uri(TargetSettings.Require(policy, "url"));
        var shownUrl = url.GetLeftPart(UriPartial.Path); // never the query: it may carry a token
        var method = new HttpMethod((policy.Target.Get("method") ?? "POST").ToUpperInvariant());
        var body = WebhookTemplate.Render(policy.Target.Get("template"), values);
        var credential = Credential(policy);
        var settings = options.Value.Webhook;
        var timeout = TargetSettings.Timeout(policy, "timeout", settings.Timeout);

        if (attempt.Resuming && attempt.PreviouslyActedAt is { } actedAt)
        {
            throw new ExecutorFailureException(FailureCodes.OutcomeUnknown,
                $"An earlier attempt of this request called {shownUrl} at {actedAt:O} and did not finish; the CD system cannot be observed from here, " +
                "so it is not called twice. Check the CD system.");
        }

        await attempt.MarkActingAsync(cancellationToken);
        var http = httpClients.CreateClient(HttpClientName);
        var calls = 0;
        using var response = await Pipeline(settings, timeout).ExecuteAsync(async token =>
        {
            calls++;
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", requestId.ToString());
            if (credential is not null)
                request.Headers.TryAddWithoutValidation(credential.Header, credential.Value);
            return await http.SendAsync(request, token);
        }, cancellationToken);

        var answerText = await Text(response, cancellationToken);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.IsSuccessStatusCode)
        {
            logger.LogInformation("CD webhook {Url} accepted request {RequestId} ({Status}, {Calls} call(s))", shownUrl, requestId, status, calls);
            return $"CD webhook {method} {shownUrl} answered {status} after {calls} call(s)";
        }

        if (Retryable(response.StatusCode))
            throw new ExecutorFailureException(FailureCodes.TargetUnavailable, $"CD webhook {shownUrl} still answered {status} after {calls} call(s): {answerText}");
        throw new ExecutorFailureException(FailureCodes.TargetRejected, $"CD webhook {shownUrl} refused the request with {status}: {answerText}");
    }

    private CredentialOptions? Credential(ServicePolicy policy)
    {
        if (policy.Target.Get("credential") is not { Length: > 0 } name)
            return null;
        return options.Value.Credentials.TryGetValue(name, out var credential) && credential.Value.Length > 0
            ? credential
            : throw new ExecutorFailureException(FailureCodes.Configuration,
                $"The webhook target of {policy.Key} names credential '{name}', which Remediation:Executor:Credentials does not define.");
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline(WebhookOptions settings, TimeSpan timeout)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => Retryable(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, settings.MaxDelay)),
                OnRetry = args =>
                {
                    logger.LogWarning("CD webhook call failed ({Problem}); retrying in {Delay}",
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}", args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(timeout).Build();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is not { } value)
            return null;
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
    }

    private static bool Retryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static async Task<string> Text(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return text.Length == 0 ? "(empty answer)" : text.Length > MaxAnswerText ? text[..MaxAnswerText] + "…" : text;
    }
}
