namespace Remediation.Detector.Http;

/// <summary>The body of a 202: what the request carried and what became of it.</summary>
public sealed record IngestResponse
{
    /// <summary>Signals mapped to a known service.</summary>
    public int Accepted { get; init; }

    /// <summary>Of those, signals that changed something (stored, and published when they opened or cleared an anomaly).</summary>
    public int New { get; init; }

    /// <summary>Signals already known (re-sent alerts): nothing stored, nothing published.</summary>
    public int Duplicates { get; init; }

    /// <summary>Messages published (confirmed by the broker) because of this request.</summary>
    public int Published { get; init; }

    /// <summary>Alertmanager's <c>truncatedAlerts</c>: alerts of the group that the sender left out.</summary>
    public int TruncatedAlerts { get; init; }

    /// <summary>Signals that map to no known service, with why.</summary>
    public IReadOnlyList<UnmappedSignal> Unmapped { get; init; } = [];
}

/// <summary>A signal the detector could not attribute to a service in the policy.</summary>
public sealed record UnmappedSignal(string Source, string? Alert, string Reason);

/// <summary>The body of a 202 for a deployment hook.</summary>
public sealed record DeploymentAccepted(Guid DeploymentId, string Environment, string Service, string Version);
