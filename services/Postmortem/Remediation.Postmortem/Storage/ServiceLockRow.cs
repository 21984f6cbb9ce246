namespace Remediation.Postmortem.Storage;

/// <summary>
/// One row per (environment, service) (<c>postmortem_service_locks</c>) that every recording updates first: the update
/// holds the row's write lock until the transaction ends, so two instances recording events of the same service take
/// turns, and each sees what the other wrote. That keeps attachment and projections consistent across instances with
/// plain SQL on both PostgreSQL and SQLite.
/// </summary>
public sealed class ServiceLockRow
{
    public required string Environment { get; set; }

    public required string Service { get; set; }

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
