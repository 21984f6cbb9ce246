using System.Security.Cryptography;
using System.Text;

namespace Remediation.Policy;

/// <summary>(environment, service): the unit everything is decided for. Names compare case-insensitively.</summary>
public readonly record struct ServiceKey
{
    public ServiceKey(string environment, string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Environment = environment.Trim().ToLowerInvariant();
        Service = service.Trim().ToLowerInvariant();
    }

    public string Environment { get; }

    public string Service { get; }

    /// <summary>
    /// A stable id for the pair (a name-based UUID: SHA-256 of the names in the RFC 9562 version 8 layout), so that every service
    /// instance correlates the same (environment, service) to the same saga without a lookup.
    /// </summary>
    public Guid ToGuid()
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"remediation/{Environment}/{Service}"));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }

    public override string ToString() => $"{Environment}/{Service}";
}
