using System.Diagnostics;
using Remediation.ServiceDefaults;

namespace Remediation.Shared.Tests.Telemetry;

public sealed class OutgoingUrlRedactorTests
{
    [Fact]
    public void Outgoing_call_spans_keep_the_host_and_lose_the_secret_path()
    {
        using var source = new ActivitySource("System.Net.Http");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("POST")!;
        activity.SetTag("url.full", "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX");

        new OutgoingUrlRedactor().OnEnd(activity);

        Assert.Equal("https://hooks.slack.com/[redacted]", activity.GetTagItem("url.full"));
    }

    [Fact]
    public void Spans_of_other_sources_are_left_alone()
    {
        using var source = new ActivitySource("Remediation.Test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Remediation.Test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("work")!;
        activity.SetTag("url.full", "http://127.0.0.1:5100/api/incidents");

        new OutgoingUrlRedactor().OnEnd(activity);

        Assert.Equal("http://127.0.0.1:5100/api/incidents", activity.GetTagItem("url.full"));
    }
}
