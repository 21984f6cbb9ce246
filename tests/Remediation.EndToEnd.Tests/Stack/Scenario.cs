using System.Net;
using System.Text.Json;
using Remediation.Testing;
using Xunit.Abstractions;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>What the three scenarios share: waiting on the services' APIs and HAProxy, and the checks every incident must pass.</summary>
public sealed class Scenario(EndToEndSystem stack, ShopEnvironment shop, ITestOutputHelper output)
{
    public PipelineSettings Settings => stack.Settings;

    public RemediationClients Remediation => stack.Remediation;

    /// <summary>Runs the scenario; on failure the output gets every process' last lines and what the services recorded.</summary>
    public async Task RunAsync(Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch
        {
            output.WriteLine(await DescribeAsync());
            throw;
        }
    }

    /// <summary>Waits until HAProxy itself serves <paramref name="version"/> alone: s(version) up, every other server in maintenance.</summary>
    public Task<IReadOnlyList<ServerState>> ServingAsync(string version, TimeSpan timeout) =>
        Eventually.UntilAsync(shop.ServersAsync,
            servers => servers.All(s => s.Name == ShopEnvironment.ServerOf(version) ? s.Serving : s.InMaintenance), timeout,
            $"HAProxy in {shop.Name} to serve {version} alone");

    /// <summary>The one incident of this environment, once it reached <paramref name="state"/> (resolved or escalated).</summary>
    public async Task<IncidentRecord> IncidentAsync(string state, TimeSpan timeout)
    {
        var listed = await Eventually.UntilAsync(() => Remediation.IncidentsAsync(shop.Name, ShopEnvironment.Service),
            incidents => incidents.Any(i => i.Text("state") == state), timeout, $"an incident of {shop.Name}/shop to be {state}");
        Assert.Single(listed);
        return new IncidentRecord(await Remediation.IncidentAsync(listed[0].Get("id").GetGuid()));
    }

    /// <summary>
    /// Users get only 2xx again: HAProxy counts three seconds' worth of successful answers in a row with no 5xx among
    /// them. Requests the bad version had in flight when traffic moved may still end in a 500 just after the switch;
    /// such an error starts the count again.
    /// </summary>
    public async Task TrafficRecoversAsync()
    {
        var needed = (long)(Settings.RatePerSecond * 3);
        var from = await shop.CountersAsync();
        await Eventually.UntilAsync(async () =>
        {
            var now = await shop.CountersAsync();
            if (now.Responses5xx != from.Responses5xx)
                from = now;
            return now.Responses2xx - from.Responses2xx >= needed;
        }, TimeSpan.FromMinutes(1), $"{needed} successful answers in a row through HAProxy in {shop.Name}");
    }

    /// <summary>Prometheus has no alert of this environment any more, pending or firing.</summary>
    public Task AlertsResolvedAsync() =>
        Eventually.UntilAsync(async () => (await AlertsAsync()).Count, n => n == 0, TimeSpan.FromMinutes(1), $"Prometheus' alerts of {shop.Name} to resolve");

    public async Task<IReadOnlyList<JsonElement>> AlertsAsync()
    {
        using var http = new HttpClient { BaseAddress = stack.Prometheus.Url, Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/v1/alerts"));
        return [.. document.RootElement.Get("data").Items("alerts").Where(a => a.Get("labels").Text("environment") == shop.Name).Select(a => a.Clone())];
    }

    /// <summary>The postmortem report exists in both formats and tells the incident's outcome.</summary>
    public async Task<JsonElement> ReportAsync(IncidentRecord incident)
    {
        var (status, json) = await Remediation.ReportAsync(incident.Id, "json");
        Assert.Equal(HttpStatusCode.OK, status);
        var (markdownStatus, markdown) = await Remediation.ReportAsync(incident.Id, "md");
        Assert.Equal(HttpStatusCode.OK, markdownStatus);
        Assert.StartsWith($"# Postmortem: {ShopEnvironment.Service} in {shop.Name}", markdown, StringComparison.Ordinal);
        Assert.Contains(string.Join(" → ", incident.Chain), markdown, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement.Clone();
        Assert.False(report.Find("draft")?.ValueKind == JsonValueKind.True, "the stored report, not a draft");
        Assert.Equal(incident.State, report.Text("state"));
        return report;
    }

    /// <summary>The notifier delivered the incident's end to the webhook channel (its API says so, and the receiver got it).</summary>
    public async Task NotifiedAsync(IncidentRecord incident, string lastEvent)
    {
        await Eventually.UntilAsync(() => Remediation.NotificationsAsync(incident.Id),
            n => n.Any(x => x.Text("event") == lastEvent && x.Text("channel") == EndToEndSystem.NotifyChannel && x.Text("status") == "delivered"),
            TimeSpan.FromMinutes(1), $"the notifier to deliver {lastEvent} of incident {incident.Id}");
        Assert.Contains(stack.Receiver.Received, r => r.Event == lastEvent && r.Body.Text("incidentId") == incident.Id.ToString());
    }

    public async Task<IReadOnlyList<string>> DecisionRulesAsync(Guid incidentId) =>
        [.. (await Remediation.DecisionsAsync(shop.Name, ShopEnvironment.Service))
            .Where(d => d.Text("incidentId") == incidentId.ToString()).Select(d => d.Text("rule") ?? "?")];

    /// <summary>Prints to the run's console (and the test's output): the timings are the point of this suite.</summary>
    public void Print(string text)
    {
        output.WriteLine(text);
        stack.Report(text);
    }

    private async Task<string> DescribeAsync()
    {
        var parts = new List<string> { $"=== {shop.Name}: what the services and HAProxy show" };
        async Task Add(string what, Func<Task<string>> read)
        {
            try
            {
                parts.Add($"--- {what}:{System.Environment.NewLine}{await read()}");
            }
            catch (Exception ex)
            {
                parts.Add($"--- {what}: {ex.Message}");
            }
        }

        await Add("HAProxy servers", async () => string.Join(System.Environment.NewLine, await shop.ServersAsync()));
        await Add("decision state", async () => (await Remediation.ServiceAsync(shop.Name, ShopEnvironment.Service))?.GetRawText() ?? "none");
        await Add("decision records", async () => string.Join(System.Environment.NewLine,
            (await Remediation.DecisionsAsync(shop.Name, ShopEnvironment.Service)).Select(d => $"{d.Text("occurredAt")} {d.Text("rule")}: {d.Text("reason")}")));
        await Add("incidents", async () => string.Join(System.Environment.NewLine,
            (await Remediation.IncidentsAsync(shop.Name, ShopEnvironment.Service)).Select(i => i.GetRawText())));
        await Add("Prometheus alerts", async () => string.Join(System.Environment.NewLine, (await AlertsAsync()).Select(a => a.GetRawText())));
        parts.Add(stack.Describe());
        return string.Join(System.Environment.NewLine, parts);
    }
}
