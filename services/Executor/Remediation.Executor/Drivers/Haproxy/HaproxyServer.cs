namespace Remediation.Executor.Drivers.Haproxy;

/// <summary>One server of a backend as <c>show servers state</c> reports it.</summary>
public sealed record HaproxyServer(string Backend, string Name, string Address, int OperationalState, int AdminState, int UserWeight, int InitialWeight)
{
    // srv_admin_state bits (HAProxy's SRV_ADMF_*): forced, inherited, config, resolution and DNS-driven maintenance; drain.
    private const int MaintenanceBits = 0x01 | 0x02 | 0x04 | 0x20 | 0x40;
    private const int DrainBits = 0x08 | 0x10;

    public bool InMaintenance => (AdminState & MaintenanceBits) != 0;

    public bool Draining => (AdminState & DrainBits) != 0;

    /// <summary>srv_op_state 2: running (up, health checks passing or none).</summary>
    public bool Running => OperationalState == 2;

    /// <summary>Takes new traffic: up, not in maintenance or drain, with a weight.</summary>
    public bool Serving => Running && !InMaintenance && !Draining && UserWeight > 0;

    public string Describe() =>
        $"{Name} ({(InMaintenance ? "maint" : Draining ? "drain" : "ready")}, {(Running ? "up" : "down")}, weight {UserWeight})";
}
