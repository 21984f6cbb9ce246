using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Remediation.Executor.Kubernetes;

/// <summary>Builds one client (and one connection pool) per context on first use and keeps it.</summary>
internal sealed class KubernetesClientFactory(IOptions<ExecutorOptions> options, TimeProvider time) : IKubernetesClientFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(KubernetesClient Client, HttpClient Http)>> _clients = new(StringComparer.Ordinal);

    public KubernetesClient For(string? context) =>
        _clients.GetOrAdd(context ?? "", key => new Lazy<(KubernetesClient, HttpClient)>(() => Create(key.Length == 0 ? null : key))).Value.Client;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
            client.Value.Http.Dispose();
    }

    private (KubernetesClient, HttpClient) Create(string? context)
    {
        var settings = options.Value.Kubernetes;
        var connection = KubernetesConnectionResolver.Resolve(settings, context);
        var baseAddress = connection.Server.ToString();
        var http = new HttpClient(KubernetesHttpHandlers.Create(connection, settings, time), disposeHandler: true)
        {
            BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/"),
            Timeout = settings.RequestTimeout,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("remediation-executor/0.1");
        return (new KubernetesClient(http, ReadPipeline(settings, time), connection), http);
    }

    internal static ResiliencePipeline ReadPipeline(KubernetesOptions settings, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (settings.ReadAttempts <= 1)
            return builder.Build();

        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = settings.ReadAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryDelay,
            MaxDelay = TimeSpan.FromSeconds(10),
            ShouldHandle = new PredicateBuilder()
                .Handle<HttpRequestException>()
                .Handle<KubernetesApiException>(e => e.IsTransient)
                .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is KubernetesApiException { RetryAfter: { } after } ? (TimeSpan?)Min(after, TimeSpan.FromSeconds(10)) : null),
        }).Build();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
