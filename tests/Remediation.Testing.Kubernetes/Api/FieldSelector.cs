using System.Text.Json.Nodes;
using Remediation.Testing.Kubernetes.Cluster;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>The field selectors the API supports on every resource: <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
internal static class FieldSelector
{
    public static Func<JsonObject, bool>? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return _ => true;

        var terms = new List<Func<JsonObject, bool>>();
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2 || parts[0] is not ("metadata.name" or "metadata.namespace"))
            {
                error = $"\"{parts[0]}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
                return null;
            }

            var (field, value) = (parts[0]["metadata.".Length..], parts[1]);
            terms.Add(o => (Json.String(o["metadata"]?[field]) == value) != negate);
        }

        return o => terms.TrueForAll(t => t(o));
    }
}
