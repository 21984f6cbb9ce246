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

    /// <summary>
    /// srv_check_result PASSED (3) or CONDPASS (4), or no active checks. HAProxy resets the result to UNKNOWN (0) as each
    /// check starts, so a read during a check says not healthy: a wait on it polls again, a confirmation uses
    /// <see cref="InService"/>.
    /// </summary>
    public bool Healthy => !Checked || CheckResult is 3 or 4;

    /// <summary>
    /// Put in service by its settings: not in maintenance or drain, with a weight. What a switch sets and what its
    /// confirmation reads back; whether traffic reaches it also takes <see cref="Serving"/>'s health.
    /// </summary>
    public bool InService => !InMaintenance && !Draining && UserWeight > 0;

    /// <summary>Takes new traffic: up (and its health check passed), not in maintenance or drain, with a weight.</summary>
    public bool Serving => Running && Healthy && InService;

    public string Describe() =>
        $"{Name} ({(InMaintenance ? "maint" : Draining ? "drain" : "ready")}, {(Running ? "up" : "down")}, weight {UserWeight}{(Checked ? $", check {CheckName}" : "")})";

    private string CheckName => CheckResult switch
    {
        2 => "failed",
        3 or 4 => "passed",
        _ => "pending",
    };
}
