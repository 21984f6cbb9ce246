using System.Text.Json.Nodes;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>A public incident the Statuspage receiver holds, with its updates (status, body) in order.</summary>
public sealed class StatuspageIncident(string id, string name)
{
    public string Id => id;

    public string Name => name;

    public List<(string Status, string Body)> Updates { get; } = [];

    public string Status => Updates.Count == 0 ? "investigating" : Updates[^1].Status;

    public JsonObject ToJson(string pageId) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["status"] = Status,
        ["page_id"] = pageId,
        ["shortlink"] = $"https://stspg.io/{id}",
        ["incident_updates"] = new JsonArray([.. Updates.Select(u => (JsonNode)new JsonObject { ["status"] = u.Status, ["body"] = u.Body })]),
    };
}
