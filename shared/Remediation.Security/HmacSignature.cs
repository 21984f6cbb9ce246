using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Remediation.Security;

/// <summary>
/// HMAC-SHA256 signatures as webhook senders make them: over the body, or over <c>timestamp:body</c> with the timestamp
/// in its own header, hex-encoded (optionally prefixed, for example <c>sha256=</c>). Verification is constant-time and,
/// when a timestamp is signed, refuses one outside the replay window.
/// </summary>
public static class HmacSignature
{
    public static string Compute(string secret, ReadOnlySpan<byte> body, string? timestamp = null)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var payload = timestamp is null ? body.ToArray() : [.. Encoding.UTF8.GetBytes(timestamp + ":"), .. body];
        return Convert.ToHexStringLower(hmac.ComputeHash(payload));
    }

    public static HmacVerification Verify(string secret, ReadOnlySpan<byte> body, string? presented, string? timestamp, TimeSpan replayWindow,
        DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(presented))
            return HmacVerification.Missing;

        if (timestamp is not null)
        {
            if (!TryParseTimestamp(timestamp, out var signedAt))
                return HmacVerification.BadTimestamp;
            if ((now - signedAt).Duration() > replayWindow)
                return HmacVerification.Expired;
        }

        var hex = presented.Trim();
        var equals = hex.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0 && equals < 12)
            hex = hex[(equals + 1)..];

        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return HmacVerification.Mismatch;
        }

        var expected = Convert.FromHexString(Compute(secret, body, timestamp));
        return SecretComparer.AreEqual(given, expected) ? HmacVerification.Valid : HmacVerification.Mismatch;
    }

    /// <summary>Unix seconds, Unix milliseconds or an ISO 8601 time.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            value = number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
