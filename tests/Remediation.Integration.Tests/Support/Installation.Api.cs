using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Remediation.Decision.StateMachines;
using Xunit.Sdk;

namespace Remediation.Integration.Tests.Support;

/// <summary>What a test does through the services' HTTP APIs, as a CD pipeline, Alertmanager or a person would.</summary>
public sealed partial class Installation
{
    /// <summary>Posts the deployment hook to the detector and waits until the decision saga runs <paramref name="version"/>.</summary>
    public async Task DeployAsync(string service, string version, string environment = Policies.Production)
    {
        using var ingest = Detector.Client(Tokens.Ingest);
        using var response = await ingest.PostAsJsonAsync("/api/v1/deployments", new
        {
            id = $"pipeline-{service}-{version}-{Guid.NewGuid():N}",
            service,
            environment,
            version,
            commit = $"c0ffee{version}",
            author = "dev@example.com",
            description = $"Release {version}",
        });
        await EnsureAsync(response, HttpStatusCode.Accepted, $"the deployment hook of {service} {version}");
        await WaitForServiceAsync(environment, service, s => s.GetProperty("currentVersion").GetString() == version, $"{service} to run {version}");
    }

    /// <summary>Lets the verification period of the running version pass and waits until the saga trusts it.</summary>
    public async Task SoakAsync(string service, string version, string environment = Policies.Production)
    {
        AdvanceClock(Policies.PastVerification);
        await WaitForServiceAsync(environment, service, s => Verdict(s, version) == "Healthy", $"{version} of {service} verified healthy");
    }

    /// <summary>Posts an Alertmanager webhook to the detector; returns its answer (<c>accepted</c>, <c>new</c>, <c>published</c>, ...).</summary>
    public async Task<JsonElement> PostAlertsAsync(string payload)
    {
        using var ingest = Detector.Client(Tokens.Ingest);
        using var response = await ingest.PostAsync(Alertmanager.Path, new StringContent(payload, Encoding.UTF8, "application/json"));
        await EnsureAsync(response, HttpStatusCode.Accepted, "the Alertmanager webhook");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The decision saga of a service (<c>GET /api/decision/services/{env}/{svc}</c>), or null before it exists.</summary>
    public async Task<JsonElement?> ServiceAsync(string environment, string service)
    {
        using var reader = Decisions[0].Client(Tokens.Reader);
        using var response = await reader.GetAsync($"/api/decision/services/{environment}/{service}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureAsync(response, HttpStatusCode.OK, $"the decision state of {environment}/{service}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> WaitForServiceAsync(string environment, string service, Func<JsonElement, bool> accept, string what, TimeSpan? timeout = null)
    {
        var found = await WaitAsync(() => ServiceAsync(environment, service), s => s is { } state && accept(state), what, timeout);
        return found!.Value;
    }

    /// <summary>Waits until the saga is in <paramref name="state"/> (Healthy, RollingBack, Verifying, CoolingDown, Escalated, ...).</summary>
    public Task<JsonElement> WaitForStateAsync(string environment, string service, string state, TimeSpan? timeout = null) =>
        WaitForServiceAsync(environment, service, s => s.GetProperty("state").GetString() == state, $"{environment}/{service} in {state}", timeout);

    /// <summary>The saga's stored state as the decision service loads it (what the API does not show, such as the handled ids).</summary>
    public async Task<ServiceState?> SagaAsync(string environment, string service) =>
        await Decisions[0].Services.GetRequiredService<ILoadSagaRepository<ServiceState>>().Load(ServiceStateMachine.Key(environment, service));

    /// <summary>Waits until the saga of the service has handled every one of <paramref name="ids"/> (anomalies, commands).</summary>
    public Task<ServiceState?> WaitUntilHandledAsync(string environment, string service, IReadOnlyCollection<Guid> ids) =>
        WaitAsync(() => SagaAsync(environment, service), s => s is not null && ids.All(s.Handled.Contains),
            $"{environment}/{service} to handle {ids.Count} messages");

    /// <summary>The health verdict the saga holds for a version (Healthy, Bad), or null.</summary>
    public static string? Verdict(JsonElement service, string version) =>
        service.GetProperty("versions").TryGetProperty(version, out var health) ? health.GetProperty("verdict").GetString() : null;

    /// <summary>The incidents of a service as the postmortem service lists them (<c>GET /api/incidents</c>).</summary>
    public async Task<IReadOnlyList<JsonElement>> IncidentsAsync(string environment, string service)
    {
        using var reader = Postmortem.Client(Tokens.Reader);
        var page = await reader.GetFromJsonAsync<JsonElement>($"/api/incidents?environment={environment}&service={service}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Waits until the postmortem service lists the incident in <paramref name="state"/> (resolved, escalated).</summary>
    public async Task<JsonElement> WaitForIncidentAsync(Guid incidentId, string state)
    {
        var incidents = await WaitAsync(() => IncidentsAsync(Policies.Production, ServiceOf(incidentId)),
            list => list.Any(i => i.GetProperty("id").GetGuid() == incidentId && i.GetProperty("state").GetString() == state),
            $"the postmortem service to list incident {incidentId} as {state}");
        return incidents.Single(i => i.GetProperty("id").GetGuid() == incidentId);
    }

    /// <summary>The incident's report as JSON (<c>GET /api/incidents/{id}/report?format=json</c>).</summary>
    public async Task<JsonElement> ReportAsync(Guid incidentId)
    {
        using var reader = Postmortem.Client(Tokens.Reader);
        return await reader.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}/report?format=json");
    }

    /// <summary>The incident's report as Markdown, what a person reads.</summary>
    public async Task<string> MarkdownReportAsync(Guid incidentId)
    {
        using var reader = Postmortem.Client(Tokens.Reader);
        using var response = await reader.GetAsync($"/api/incidents/{incidentId}/report?format=md");
        await EnsureAsync(response, HttpStatusCode.OK, $"the report of {incidentId}");
        Assert.StartsWith("text/markdown", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A request in the executor's ledger (<c>GET /api/executor/requests/{id}</c>).</summary>
    public async Task<JsonElement> ExecutorRequestAsync(Guid requestId)
    {
        using var reader = Executor.Client(Tokens.Reader);
        return await reader.GetFromJsonAsync<JsonElement>($"/api/executor/requests/{requestId}");
    }

    /// <summary>Counts rows of a service's own database (its tables, as an operator would look at them).</summary>
    public async Task<long> CountRowsAsync(ServiceModule module, string table, string? where = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        await using var connection = new Npgsql.NpgsqlConnection(Database(module).ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names and conditions are the tests' constants.
        command.CommandText = $"SELECT COUNT(*) FROM {table}{(where is null ? "" : $" WHERE {where}")}";
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private string ServiceOf(Guid incidentId) =>
        Probe.All<Remediation.Contracts.Incidents.IncidentOpened>(o => o.IncidentId == incidentId) is [var opened, ..]
            ? opened.Service
            : throw new XunitException($"The probe saw no IncidentOpened {incidentId}.{Environment.NewLine}{Diagnostics()}");

    private async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode == expected)
            return;
        var body = await response.Content.ReadAsStringAsync();
        throw new XunitException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}{Environment.NewLine}{Diagnostics()}");
    }
}
