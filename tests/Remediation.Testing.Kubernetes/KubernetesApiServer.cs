using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Remediation.Testing.Kubernetes.Api;
using Remediation.Testing.Kubernetes.Cluster;
using Remediation.Testing.Kubernetes.Tls;

namespace Remediation.Testing.Kubernetes;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 that behaves like the Kubernetes API server for what the executor and kubectl
/// use: version and discovery, apps/v1 Deployments and ReplicaSets (get, list and watch with selectors, create, update,
/// JSON / merge / strategic merge patches with resourceVersion preconditions, server-side tables), a deployment controller,
/// bearer-token and client-certificate authentication (401 Status otherwise), and injectable faults.
/// </summary>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _controller = Task.CompletedTask;
    private Exception? _controllerFailure;

    private KubernetesApiServer(WebApplication app, ClusterState cluster, string token, TestCertificates? certificates)
    {
        _app = app;
        Cluster = cluster;
        Token = token;
        Certificates = certificates;
    }

    public ClusterState Cluster { get; }

    public FaultInjector Faults { get; } = new();

    public string Token { get; }

    /// <summary>The CA, server and client certificates when the server runs with TLS.</summary>
    public TestCertificates? Certificates { get; }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>PATCH and PUT requests on the Deployment that the server accepted (answered 2xx).</summary>
    public int SuccessfulWrites(string ns, string name) =>
        Requests.Count(r => r.Method is "PATCH" or "PUT" && r.StatusCode is >= 200 and < 300 &&
                            r.Path == $"/apis/apps/v1/namespaces/{ns}/deployments/{name}");

    public static async Task<KubernetesApiServer> StartAsync(KubernetesApiServerOptions? options = null)
    {
        options ??= new KubernetesApiServerOptions();
        var time = options.TimeProvider ?? TimeProvider.System;
        var token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var certificates = options.UseTls ? TestCertificates.Create() : null;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificates is null)
                    return;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificates.Server;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificates.IsIssuedByAuthority(certificate);
                });
            });
        });

        var app = builder.Build();
        var cluster = new ClusterState(time);
        var server = new KubernetesApiServer(app, cluster, token, certificates);
        var router = new ApiRouter(cluster, time, () => $"{server.Url.Host}:{server.Url.Port}");
        app.Run(context => server.HandleAsync(context, router));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        server._controller = server.RunControllerAsync(options.ControllerInterval);
        return server;
    }

    /// <summary>A kubeconfig for this server: the bearer token, or the client certificate; the CA inline or as a file path.</summary>
    public string Kubeconfig(bool clientCertificate = false, string? caFile = null, string context = "test", string ns = "default")
    {
        var cluster = new StringBuilder($"    server: {Url.ToString().TrimEnd('/')}\n");
        if (Certificates is not null)
        {
            cluster.Append(caFile is null
                ? $"    certificate-authority-data: {Base64(Certificates.AuthorityPem)}\n"
                : $"    certificate-authority: {caFile}\n");
        }

        var user = clientCertificate && Certificates is not null
            ? $"    client-certificate-data: {Base64(Certificates.ClientCertificatePem)}\n    client-key-data: {Base64(Certificates.ClientKeyPem)}\n"
            : $"    token: {Token}\n";

        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}-cluster
              cluster:
            {cluster}users:
            - name: {context}-user
              user:
            {user}contexts:
            - name: {context}
              context:
                cluster: {context}-cluster
                user: {context}-user
                namespace: {ns}
            current-context: {context}

            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Faults.Clear();
        try
        {
            await _controller;
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificates?.Dispose();
        _stopping.Dispose();
        if (_controllerFailure is not null)
            throw new InvalidOperationException("The test server's deployment controller failed.", _controllerFailure);
    }

    private async Task RunControllerAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stopping.Token))
        {
            try
            {
                Cluster.Step();
            }
            catch (Exception ex)
            {
                // Surfaced when the server is disposed: a broken controller must fail the test, not hang it.
                _controllerFailure = ex;
                return;
            }
        }
    }

    private async Task HandleAsync(HttpContext context, ApiRouter router)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(context.RequestAborted);

        var authenticated = IsAuthenticated(context);
        var result = authenticated ? null : KubeStatus.Unauthorized();
        Fault? fault = null;
        if (result is null)
        {
            await Faults.WaitAtBarrierAsync(request.Method, path, context.RequestAborted);
            fault = Faults.Take(request.Method, path);
            if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
                await Task.Delay(delay, context.RequestAborted);
            if (fault is { StatusCode: { } code, AfterApplying: false })
                result = KubeStatus.ForCode(code);
        }

        if (result is null && ApiRouter.IsWatch(request) && ApiRouter.WatchedResource(request, out var ns) is { } resource)
        {
            _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", request.ContentType, body, 200, authenticated));
            await new WatchStream(Cluster, resource, ns, request.Query, _stopping.Token).WriteAsync(context);
            return;
        }

        result ??= router.Dispatch(context, body);
        if (fault is { StatusCode: { } lost, AfterApplying: true })
            result = KubeStatus.ForCode(lost);

        _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", request.ContentType, body, result.StatusCode, authenticated));
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = "application/json";
        if (result.Body["details"]?["retryAfterSeconds"] is { } retryAfter)
            context.Response.Headers.RetryAfter = retryAfter.ToJsonString();
        await context.Response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted);
    }

    private bool IsAuthenticated(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(Token)))
            return true;
        return context.Connection.ClientCertificate is { } certificate && Certificates?.IsIssuedByAuthority(certificate) == true;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
