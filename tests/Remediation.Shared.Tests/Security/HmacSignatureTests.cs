using System.Text;
using Remediation.Security;

namespace Remediation.Shared.Tests.Security;

public sealed class HmacSignatureTests
{
    private const string Secret = "webhook-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"status":"firing"}""");
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Signature_is_lowercase_hex_HMAC_SHA256_of_the_body() =>
        // The published HMAC-SHA256 example (key "key").
        Assert.Equal("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            HmacSignature.Compute("key", "The quick brown fox jumps over the lazy dog"u8));

    [Fact]
    public void Timestamped_signature_covers_timestamp_colon_body() =>
        Assert.Equal(HmacSignature.Compute(Secret, Encoding.UTF8.GetBytes("1748779200:" + Encoding.UTF8.GetString(Body))),
            HmacSignature.Compute(Secret, Body, "1748779200"));

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("v1=")]
    public void Valid_signature_verifies_with_or_without_a_prefix(string prefix)
    {
        var signature = prefix + HmacSignature.Compute(Secret, Body);

        Assert.Equal(HmacVerification.Valid, HmacSignature.Verify(Secret, Body, signature, null, Window, Now));
        Assert.Equal(HmacVerification.Valid, HmacSignature.Verify(Secret, Body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), null, Window, Now));
    }

    [Fact]
    public void Missing_signature_is_reported_as_missing()
    {
        Assert.Equal(HmacVerification.Missing, HmacSignature.Verify(Secret, Body, null, null, Window, Now));
        Assert.Equal(HmacVerification.Missing, HmacSignature.Verify(Secret, Body, "  ", null, Window, Now));
    }

    [Fact]
    public void Tampered_body_wrong_secret_or_garbage_do_not_verify()
    {
        var signature = HmacSignature.Compute(Secret, Body);

        Assert.Equal(HmacVerification.Mismatch, HmacSignature.Verify(Secret, Encoding.UTF8.GetBytes("""{"status":"resolved"}"""), signature, null, Window, Now));
        Assert.Equal(HmacVerification.Mismatch, HmacSignature.Verify("other-secret", Body, signature, null, Window, Now));
        Assert.Equal(HmacVerification.Mismatch, HmacSignature.Verify(Secret, Body, "not-hex-at-all", null, Window, Now));
        Assert.Equal(HmacVerification.Mismatch, HmacSignature.Verify(Secret, Body, signature[..32], null, Window, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-299)]
    [InlineData(299)]
    public void Timestamp_inside_the_replay_window_verifies(int offsetSeconds)
    {
        var timestamp = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HmacSignature.Compute(Secret, Body, timestamp);

        Assert.Equal(HmacVerification.Valid, HmacSignature.Verify(Secret, Body, signature, timestamp, Window, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamp_outside_the_replay_window_is_expired_even_with_a_valid_signature(int offsetSeconds)
    {
        var timestamp = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HmacSignature.Compute(Secret, Body, timestamp);

        Assert.Equal(HmacVerification.Expired, HmacSignature.Verify(Secret, Body, signature, timestamp, Window, Now));
    }

    [Fact]
    public void Replayed_signature_with_a_fresh_timestamp_does_not_verify()
    {
        var old = Now.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fresh = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HmacVerification.Mismatch, HmacSignature.Verify(Secret, Body, HmacSignature.Compute(Secret, Body, old), fresh, Window, Now));
    }

    [Fact]
    public void Unreadable_timestamp_is_reported_as_such() =>
        Assert.Equal(HmacVerification.BadTimestamp, HmacSignature.Verify(Secret, Body, HmacSignature.Compute(Secret, Body, "yesterday"), "yesterday", Window, Now));

    [Theory]
    [InlineData("1748779200")]
    [InlineData("1748779200000")]
    [InlineData("2025-06-01T12:00:00Z")]
    [InlineData("2025-06-01T14:00:00+02:00")]
    public void Timestamps_are_read_as_unix_seconds_milliseconds_or_ISO_8601(string text)
    {
        Assert.True(HmacSignature.TryParseTimestamp(text, out var value));
        Assert.Equal(Now, value);
    }
}
