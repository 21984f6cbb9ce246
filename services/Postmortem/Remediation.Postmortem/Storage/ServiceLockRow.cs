namespace Remediation.Postmortem.Storage;

/// <summary>
/// One row per (environment, service) (<c>postmortem_service_locks</c>) whose version every recording bumps: two instances
/// recording events of the same service at once conflict here, and the later one retries on what the first wrote. That
/// keeps attachment and projections consistent across instances without database-specific locks.
/// </summary>
public sealed class ServiceLockRow
{
    public required string Environment { get; set; }

    public required string Service { get; set; }

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
