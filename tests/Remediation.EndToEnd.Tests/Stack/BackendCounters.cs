using System.Globalization;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>A backend's answer counters as HAProxy counts them (<c>show stat</c>, the BACKEND row): what users got.</summary>
public sealed record BackendCounters(long Responses2xx, long Responses5xx)
{
    public static BackendCounters Parse(string csv, string backend)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var twoXx = Array.IndexOf(header, "hrsp_2xx");
        var fiveXx = Array.IndexOf(header, "hrsp_5xx");
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length > Math.Max(twoXx, fiveXx) && fields[0] == backend && fields[1] == "BACKEND")
                return new BackendCounters(Number(fields[twoXx]), Number(fields[fiveXx]));
        }

        throw new InvalidOperationException($"show stat has no BACKEND row for {backend}:{System.Environment.NewLine}{csv}");
    }

    private static long Number(string text) => text.Length == 0 ? 0 : long.Parse(text, CultureInfo.InvariantCulture);
}
