namespace Remediation.Executor.Drivers.Haproxy;

/// <summary>One server of a backend as <c>show servers state</c> reports it.</summary>
public sealed record HaproxyServer(
    string Backend, string Name, string Address, int OperationalState, int AdminState, int UserWeight, int InitialWeight, int CheckResult = 0, int CheckState = 0)
{
    // srv_admin_state bits, HAProxy's SRV_ADMF_MAINT mask: forced (0x01), inherited (0x02) and address-resolution (0x20)
    // maintenance. 0x04 only records that the configuration said "disabled": it stays set after "state ready".
    private const int MaintenanceBits = 0x01 | 0x02 | 0x20;
    private const int DrainBits = 0x08 | 0x10;

    public bool InMaintenance => (AdminState & MaintenanceBits) != 0;

    public bool Draining => (AdminState & DrainBits) != 0;

    /// <summary>srv_op_state 2: running.</summary>
    public bool Running => OperationalState == 2;

    /// <summary>
    /// Health checks are configured and active (srv_check_state CONFIGURED and ENABLED, not PAUSED as they are in
    /// maintenance). Then a server just out of maintenance counts as up only once a check has passed since.
    /// </summary>
    public bool Checked => (CheckState & 0x02) != 0 && (CheckState & 0x04) != 0 && (CheckState & 0x08) == 0;

    /// <summary>srv_check_result PASSED (3) or CONDPASS (4), or no active checks.</summary>
    public bool Healthy => !Checked || CheckResult is 3 or 4;

    /// <summary>Takes new traffic: up (and its health check passed), not in maintenance or drain, with a weight.</summary>
    public bool Serving => Running && Healthy && !InMaintenance && !Draining && UserWeight > 0;

    public string Describe() =>
        $"{Name} ({(InMaintenance ? "maint" : Draining ? "drain" : "ready")}, {(Running ? "up" : "down")}, weight {UserWeight})";
}
