using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// The five services' HTTP APIs as their users call them, with bearer tokens: the deployment hook (ingest role) and
/// the read APIs (decision records and service state, incidents and reports, notifications, executor requests).
/// </summary>
public sealed class RemediationClients : IDisposable
{
    private readonly HttpClient _detector;
    private readonly HttpClient _decision;
    private readonly HttpClient _executor;
    private readonly HttpClient _notifier;
    private readonly HttpClient _postmortem;

    public RemediationClients(Uri detector, Uri decision, Uri executor, Uri notifier, Uri postmortem, string ingestToken, string readToken)
    {
        _detector = Client(detector, ingestToken);
        _decision = Client(decision, readToken);
        _executor = Client(executor, readToken);
        _notifier = Client(notifier, readToken);
        _postmortem = Client(postmortem, readToken);
    }

    /// <summary>What a CD system posts after a deployment.</summary>
    public async Task PostDeploymentAsync(string environment, string service, string version, DateTimeOffset deployedAt)
    {
        using var response = await _detector.PostAsJsonAsync("api/v1/deployments", new
        {
            id = $"{environment}-{service}-{version}-{Guid.NewGuid():N}",
            service,
            environment,
            version,
            image = $"registry.local/{service}:{version}",
            author = "end-to-end test",
            description = $"Release {version}",
            deployedAt = deployedAt.ToString("O", CultureInfo.InvariantCulture),
        });
        await EnsureAsync(response, $"the deployment hook for {environment}/{service} {version}");
    }

    /// <summary>The decision saga's view of a service (versions with their health, state, incident); null before it knows it.</summary>
    public async Task<JsonElement?> ServiceAsync(string environment, string service)
    {
        using var response = await _decision.GetAsync($"api/decision/services/{environment}/{service}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        return await ReadAsync(response, "the decision service's state");
    }

    public async Task<IReadOnlyList<JsonElement>> DecisionsAsync(string environment, string service) =>
        [.. (await GetAsync(_decision, $"api/decision/records?environment={environment}&service={service}&limit=1000")).Items()];

    public async Task<IReadOnlyList<JsonElement>> IncidentsAsync(string environment, string service) =>
        [.. (await GetAsync(_postmortem, $"api/incidents?environment={environment}&service={service}")).Items("items")];

    /// <summary>The incident with its timeline (every lifecycle event, its message as it travelled).</summary>
    public Task<JsonElement> IncidentAsync(Guid id) => GetAsync(_postmortem, $"api/incidents/{id}");

    public async Task<(HttpStatusCode Status, string Body)> ReportAsync(Guid id, string format)
    {
        using var response = await _postmortem.GetAsync($"api/incidents/{id}/report?format={format}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<IReadOnlyList<JsonElement>> NotificationsAsync(Guid incidentId) =>
        [.. (await GetAsync(_notifier, $"api/notifications?incidentId={incidentId}&limit=500")).Items("notifications")];

    public Task<JsonElement> ExecutorRequestAsync(Guid requestId) => GetAsync(_executor, $"api/executor/requests/{requestId}");

    public void Dispose()
    {
        _detector.Dispose();
        _decision.Dispose();
        _executor.Dispose();
        _notifier.Dispose();
        _postmortem.Dispose();
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response, $"GET {client.BaseAddress}{path}");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        await EnsureAsync(response, what);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
    }
}
