using System.Security.Cryptography;
using System.Text;

namespace Remediation.Security;

/// <summary>Compares secrets in constant time (hashing first, so lengths leak nothing either).</summary>
public static class SecretComparer
{
    public static bool AreEqual(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
            return false;

        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    public static bool AreEqual(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> expected) =>
        presented.Length == expected.Length && CryptographicOperations.FixedTimeEquals(presented, expected);
}
