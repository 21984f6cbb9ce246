using Remediation.Policy;

namespace Remediation.Shared.Tests.Policy;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1s500ms", 1_500)]
    [InlineData(" 5m ", 300_000)]
    [InlineData("0s", 0)]
    public void Durations_people_write_are_parsed(string text, long milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
        Assert.Equal(value, Duration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("m")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("5M")]
    [InlineData("5min")]
    [InlineData("PT5M")]
    [InlineData("00:05:00")]
    [InlineData("99999999999999999999s")]
    [InlineData("9999999999999d")]
    [InlineData("10675199d10675199d")]
    public void Anything_else_is_not_a_duration(string? text)
    {
        Assert.False(Duration.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Duration.Parse(text!));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_061_000, "1d1h1m1s")]
    public void Format_gives_the_shortest_form_that_parses_back(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(expected, Duration.Format(value));
        Assert.Equal(value, Duration.Parse(Duration.Format(value)));
    }
}
