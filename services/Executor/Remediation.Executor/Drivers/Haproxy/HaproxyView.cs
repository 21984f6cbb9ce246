using System.Globalization;

namespace Remediation.Executor.Drivers.Haproxy;

/// <summary>Reads HAProxy's own view of a backend: <c>show servers state</c> and the <c>scur</c> column of <c>show stat</c>.</summary>
public static class HaproxyView
{
    public static async Task<IReadOnlyList<HaproxyServer>> ServersAsync(HaproxyRuntimeClient client, string backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await client.ExecuteAsync($"show servers state {backend}", cancellationToken);
        return ParseServersState(text, backend);
    }

    public static IReadOnlyList<HaproxyServer> ParseServersState(string text, string backend)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# be_id", StringComparison.Ordinal));
        if (header is null)
            throw new ExecutorFailureException(FailureCodes.NotFound, $"HAProxy has no backend '{backend}': {text.Trim()}");

        var columns = header[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        var servers = new List<HaproxyServer>();
        foreach (var line in lines.Where(l => !l.StartsWith('#') && l.Contains(' ', StringComparison.Ordinal)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string Field(string name) => columns.TryGetValue(name, out var i) && i < fields.Length ? fields[i] : "";
            int Number(string name) => int.TryParse(Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
            servers.Add(new HaproxyServer(Field("be_name"), Field("srv_name"), Field("srv_addr"),
                Number("srv_op_state"), Number("srv_admin_state"), Number("srv_uweight"), Number("srv_iweight"),
                Number("srv_check_result"), Number("srv_check_state")));
        }

        return servers;
    }

    /// <summary>Current sessions per server of the backend.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> SessionsAsync(HaproxyRuntimeClient client, string backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await client.ExecuteAsync($"show stat {backend} 4 -1", cancellationToken);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Split(',');
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (header is null)
            return result;
        var nameAt = Array.IndexOf(header, "svname");
        var scurAt = Array.IndexOf(header, "scur");
        foreach (var fields in lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(',')))
        {
            if (nameAt >= 0 && scurAt >= 0 && fields.Length > Math.Max(nameAt, scurAt) &&
                int.TryParse(fields[scurAt], NumberStyles.None, CultureInfo.InvariantCulture, out var sessions))
                result[fields[nameAt]] = sessions;
        }

        return result;
    }
}
