using System.Globalization;

namespace Remediation.Detector.Sources;

/// <summary>A stable identity for an alert instance that came without one: FNV-1a over its sorted labels.</summary>
internal static class Fingerprints
{
    public static string FromLabels(IReadOnlyDictionary<string, string> labels)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offset;
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var c in name)
                hash = (hash ^ c) * prime;
            hash = (hash ^ 0xFF) * prime;
            foreach (var c in value)
                hash = (hash ^ c) * prime;
            hash = (hash ^ 0xFE) * prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
