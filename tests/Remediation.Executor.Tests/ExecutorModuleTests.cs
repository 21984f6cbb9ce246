using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remediation.Executor.Tests.Support;
using Remediation.Policy;

namespace Remediation.Executor.Tests;

/// <summary>What <c>AddExecutor</c> and <c>MapExecutor</c> give a host: options checked at start, the read-only request API.</summary>
public sealed class ExecutorModuleTests : IDisposable
{
    private const string ReaderToken = "reader-token-0123456789";
    private const string IngestToken = "ingest-token-0123456789";
    private const string Policy = """
        services:
          - name: checkout
            environment: production
            target: { driver: none }
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string?> Settings() => ExecutorTestHost.Settings(_temp.File("executor.db"));

    [Fact]
    public async Task A_kubeconfig_with_insecure_skip_tls_verify_stops_the_host_at_start()
    {
        var settings = Settings();
        settings["Remediation:Executor:Kubernetes:Kubeconfig"] = _temp.Write("kubeconfig", """
            current-context: c
            clusters: [ { name: k, cluster: { server: "https://k.example", insecure-skip-tls-verify: true } } ]
            users: [ { name: u, user: { token: t } } ]
            contexts: [ { name: c, context: { cluster: k, user: u } } ]
            """);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ExecutorTestHost.StartAsync(Policy, settings));

        Assert.Contains("insecure-skip-tls-verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_durations_and_incomplete_credentials_stop_the_host_at_start_with_every_problem_named()
    {
        var settings = Settings();
        settings["Remediation:Executor:LeaseDuration"] = "00:00:00";
        settings["Remediation:Executor:Webhook:MaxAttempts"] = "0";
        settings["Remediation:Executor:Credentials:argocd:Header"] = "Authorization";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ExecutorTestHost.StartAsync(Policy, settings));

        Assert.Contains("LeaseDuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("Webhook:MaxAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("Credentials:argocd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_API_answers_readers_with_the_stored_outcome_and_names_every_problem()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Remediation:Auth:Tokens:0:Name"] = "dashboard",
            ["Remediation:Auth:Tokens:0:Token"] = ReaderToken,
            ["Remediation:Auth:Tokens:0:Roles:0"] = "read",
            ["Remediation:Auth:Tokens:1:Name"] = "monitoring",
            ["Remediation:Auth:Tokens:1:Token"] = IngestToken,
            ["Remediation:Auth:Tokens:1:Roles:0"] = "ingest",
        });
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(Policy));
        builder.AddExecutor();
        await using var app = builder.Build();
        app.MapExecutor();
        await app.StartAsync();
        var request = Messages.Rollback("v1");
        await app.Services.GetRequiredService<RequestExecutor>().RollbackAsync(request, CancellationToken.None);
        using var client = app.GetTestClient();

        async Task<HttpResponseMessage> Get(string id, string? token)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, $"/api/executor/requests/{id}");
            if (token is not null)
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.SendAsync(message);
        }

        using var anonymous = await Get(request.RequestId.ToString(), null);
        using var wrongRole = await Get(request.RequestId.ToString(), IngestToken);
        using var malformed = await Get("not-a-guid", ReaderToken);
        using var unknown = await Get(Guid.NewGuid().ToString(), ReaderToken);
        using var found = await Get(request.RequestId.ToString(), ReaderToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalid-request-id", (string?)(await malformed.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("request-not-found", (string?)(await unknown.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var view = (await found.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("failed", "no-driver", "RollbackFailed"), ((string?)view["state"], (string?)view["reasonCode"], (string?)view["outcomeType"]));
        Assert.Equal(request.RequestId.ToString(), (string?)view["outcome"]!["requestId"]);
        await app.StopAsync();
    }
}
