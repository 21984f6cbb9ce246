namespace Remediation.Policy;

/// <summary>A parsed and validated policy file: every service with the defaults applied.</summary>
public sealed class PolicyDocument
{
    private readonly Dictionary<ServiceKey, ServicePolicy> _services;

    public PolicyDocument(IEnumerable<ServicePolicy> services, string source)
    {
        _services = services.ToDictionary(s => s.Key);
        Source = source;
    }

    public static PolicyDocument Empty { get; } = new([], "(empty)");

    /// <summary>Where the document came from (a path, or a description).</summary>
    public string Source { get; }

    public IReadOnlyCollection<ServicePolicy> Services => _services.Values;

    public ServicePolicy? Find(ServiceKey key) => _services.GetValueOrDefault(key);

    public ServicePolicy? Find(string environment, string service) =>
        string.IsNullOrWhiteSpace(environment) || string.IsNullOrWhiteSpace(service) ? null : Find(new ServiceKey(environment, service));
}
