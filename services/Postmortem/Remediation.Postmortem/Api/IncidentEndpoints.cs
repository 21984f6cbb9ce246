using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Remediation.Postmortem.Incidents;
using Remediation.Postmortem.Reports;
using Remediation.Security;

namespace Remediation.Postmortem.Api;

/// <summary><c>GET /api/incidents</c>, <c>/api/incidents/{id}</c> and <c>/api/incidents/{id}/report</c>.</summary>
internal static class IncidentEndpoints
{
    public static async Task<IResult> ListAsync(HttpRequest request, IncidentQueries queries, IOptionsMonitor<PostmortemOptions> options, CancellationToken ct)
    {
        var max = options.CurrentValue.MaxPageSize;
        var query = new QueryReader(request.Query, "environment", "service", "state", "from", "to", "page", "pageSize");
        var filter = new IncidentFilter
        {
            Environment = Names.Normalise(query.String("environment")),
            Service = Names.Normalise(query.String("service")),
            State = query.Enum<IncidentState>("state"),
            From = query.Time("from"),
            To = query.Time("to"),
            Page = query.Int("page", 1, 1, 1_000_000),
            PageSize = query.Int("pageSize", Math.Min(50, max), 1, max),
        };
        if (filter.From > filter.To)
            query.Fail("from", "must not be after 'to'");
        if (query.Problem is { } problem)
            return problem;

        return Results.Json(await queries.ListAsync(filter, ct), ReportJson.Options);
    }

    public static async Task<IResult> GetAsync(string id, HttpRequest request, IncidentQueries queries, CancellationToken ct)
    {
        if (new QueryReader(request.Query).Problem is { } problem)
            return problem;
        if (!Guid.TryParse(id, out var incidentId))
            return InvalidId(id);

        var detail = await queries.GetAsync(incidentId, ct);
        return detail is null ? NotFound(incidentId) : Results.Json(detail, ReportJson.Options);
    }

    /// <summary>The stored report; for an open incident (or one whose report is not written yet) a draft built now.</summary>
    public static async Task<IResult> ReportAsync(
        string id, HttpRequest request, HttpResponse response, IncidentQueries queries, ReportWriter writer, CancellationToken ct)
    {
        var query = new QueryReader(request.Query, "format");
        var format = query.String("format")?.ToLowerInvariant();
        if (format is not (null or "md" or "markdown" or "json"))
            query.Fail("format", $"'{format}' is not md or json");
        if (query.Problem is { } problem)
            return problem;
        if (!Guid.TryParse(id, out var incidentId))
            return InvalidId(id);

        var json = format == "json" || (format is null && WantsJson(request));
        response.Headers.Vary = HeaderNames.Accept;
        var (incident, stored) = await queries.ReportAsync(incidentId, ct);
        if (incident is null)
            return NotFound(incidentId);
        if (stored is not null)
            return Results.Text(json ? stored.Json : stored.Markdown, json ? "application/json; charset=utf-8" : "text/markdown; charset=utf-8");

        var draft = await writer.BuildAsync(incidentId, includeMetrics: false, ct);
        if (draft is null)
            return NotFound(incidentId);
        return Results.Text(json ? ReportJson.Serialize(draft) : MarkdownReport.Render(draft), json ? "application/json; charset=utf-8" : "text/markdown; charset=utf-8");
    }

    /// <summary>JSON when the caller accepts JSON and does not prefer Markdown; Markdown otherwise (the default).</summary>
    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var json = accept.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var markdown = accept.Where(a => a.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        return json > 0 && json > markdown;
    }

    private static IResult InvalidId(string id) =>
        Problems.Result(StatusCodes.Status400BadRequest, "invalid-parameter", $"id: '{id}' is not an incident id (a GUID).",
            new Dictionary<string, object?> { ["parameter"] = "id" });

    private static IResult NotFound(Guid id) => Problems.Result(StatusCodes.Status404NotFound, "incident-not-found", $"No incident {id} is recorded.");
}
