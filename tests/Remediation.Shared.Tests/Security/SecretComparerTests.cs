using System.Text;
using Remediation.Security;

namespace Remediation.Shared.Tests.Security;

public sealed class SecretComparerTests
{
    [Fact]
    public void Equal_secrets_match()
    {
        Assert.True(SecretComparer.AreEqual("s3cret-token", "s3cret-token"));
        Assert.True(SecretComparer.AreEqual("s3cret-token"u8, "s3cret-token"u8));
    }

    [Theory]
    [InlineData("s3cret-token", "s3cret-tokeN")]
    [InlineData("s3cret-token", "s3cret-token ")]
    [InlineData("s3cret-token", "s3cret")]
    [InlineData("", "")]
    [InlineData(null, "s3cret")]
    [InlineData("s3cret", null)]
    [InlineData(null, null)]
    public void Different_or_missing_secrets_do_not_match(string? presented, string? expected) =>
        Assert.False(SecretComparer.AreEqual(presented, expected));

    [Fact]
    public void Byte_secrets_of_different_lengths_do_not_match() =>
        Assert.False(SecretComparer.AreEqual(Encoding.UTF8.GetBytes("abc"), Encoding.UTF8.GetBytes("abcd")));
}
