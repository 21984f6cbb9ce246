using Microsoft.AspNetCore.Http;
using Remediation.Postmortem.Reports;
using Remediation.Security;

namespace Remediation.Postmortem.Api;

/// <summary><c>GET /api/stats</c> and <c>GET /api/stats/services/{environment}/{service}</c>.</summary>
internal static class StatsEndpoints
{
    public static async Task<IResult> AllAsync(HttpRequest request, IncidentQueries queries, CancellationToken ct)
    {
        var query = new QueryReader(request.Query, "environment", "service", "from", "to");
        var environment = Names.Normalise(query.String("environment"));
        var service = Names.Normalise(query.String("service"));
        var (from, to) = Range(query);
        if (query.Problem is { } problem)
            return problem;

        return Results.Json(await queries.StatsAsync(environment, service, from, to, perService: true, ct), ReportJson.Options);
    }

    public static async Task<IResult> ServiceAsync(string environment, string service, HttpRequest request, IncidentQueries queries, CancellationToken ct)
    {
        var query = new QueryReader(request.Query, "from", "to");
        var (from, to) = Range(query);
        if (query.Problem is { } problem)
            return problem;

        var (env, svc) = (Names.Normalise(environment)!, Names.Normalise(service)!);
        if (!await queries.KnowsServiceAsync(env, svc, ct))
            return Problems.Result(StatusCodes.Status404NotFound, "service-not-found", $"Nothing is recorded for {svc} in {env}: no deployment and no incident.");

        return Results.Json(await queries.StatsAsync(env, svc, from, to, perService: false, ct), ReportJson.Options);
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) Range(QueryReader query)
    {
        var from = query.Time("from");
        var to = query.Time("to");
        if (from > to)
            query.Fail("from", "must not be after 'to'");
        return (from, to);
    }
}
