using System.Diagnostics;
using OpenTelemetry;

namespace Remediation.ServiceDefaults;

/// <summary>
/// Keeps secrets out of exported traces: chat and paging webhooks carry their credential in the URL's path
/// (<c>https://hooks.slack.com/services/T0/B0/secret</c>), and HttpClient's spans record the full URL. Outgoing spans keep
/// the scheme, host and port, which is what an operator needs to see where a call went.
/// </summary>
internal sealed class OutgoingUrlRedactor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.Source.Name != "System.Net.Http" || data.GetTagItem("url.full") is not string url ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return;

        data.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}/[redacted]");
    }
}
