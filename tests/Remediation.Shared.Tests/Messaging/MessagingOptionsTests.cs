using Microsoft.Extensions.Configuration;
using Remediation.Messaging;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Messaging;

public sealed class MessagingOptionsTests
{
    [Fact]
    public void Configured_retry_intervals_replace_the_defaults()
    {
        var configuration = TestConfiguration.Create()
            .Add("Remediation:Messaging:RetryIntervals:0", "00:00:00.010")
            .Add("Remediation:Messaging:RetryIntervals:1", "00:00:00.020")
            .Build();

        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;

        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], options.EffectiveRetryIntervals);
    }

    [Fact]
    public void Without_configured_retry_intervals_the_defaults_apply()
    {
        var options = TestConfiguration.Create().Add("Remediation:Messaging:Transport", "InMemory").Build()
            .GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;

        Assert.Equal(MessagingOptions.DefaultRetryIntervals, options.EffectiveRetryIntervals);
        Assert.Equal(4, options.EffectiveRetryIntervals.Count);
    }
}
