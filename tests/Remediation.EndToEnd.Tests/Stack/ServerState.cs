using System.Globalization;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>One server of a backend as HAProxy itself reports it (<c>show servers state</c>).</summary>
public sealed record ServerState(string Name, int OperationalState, int AdminState)
{
    // HAProxy's SRV_ADMF_* bits: forced, inherited, resolution and health-check maintenance, and forced or inherited
    // drain. "Disabled in the configuration" (0x04) stays set after "state ready" and is not maintenance.
    private const int Maintenance = 0x01 | 0x02 | 0x20 | 0x40;
    private const int Drain = 0x08 | 0x10;

    /// <summary>Up and taking new traffic.</summary>
    public bool Serving => OperationalState == 2 && (AdminState & (Maintenance | Drain)) == 0;

    public bool InMaintenance => (AdminState & Maintenance) != 0;

    /// <summary>Parses the answer to <c>show servers state &lt;backend&gt;</c>.</summary>
    public static IReadOnlyList<ServerState> Parse(string answer)
    {
        var servers = new List<ServerState>();
        foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#') || !char.IsAsciiDigit(line[0]))
                continue;
            var fields = line.Split(' ');
            if (fields.Length > 6)
            {
                servers.Add(new ServerState(fields[3], int.Parse(fields[5], CultureInfo.InvariantCulture),
                    int.Parse(fields[6], CultureInfo.InvariantCulture)));
            }
        }

        return servers;
    }

    public override string ToString() => $"{Name}: {(Serving ? "serving" : InMaintenance ? "maintenance" : $"op {OperationalState}")} (admin 0x{AdminState:x})";
}
