using System.Text.Json.Nodes;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>An incident record the ServiceNow receiver holds.</summary>
public sealed class ServiceNowIncident(string sysId, string number)
{
    public string SysId => sysId;

    public string Number => number;

    public Dictionary<string, string> Fields { get; } = [];

    public List<string> WorkNotes { get; } = [];

    public string State => Fields.GetValueOrDefault("state", "1");

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["sys_id"] = sysId, ["number"] = number, ["state"] = State };
        foreach (var (key, value) in Fields.Where(f => f.Key != "state"))
            json[key] = value;
        return json;
    }
}
