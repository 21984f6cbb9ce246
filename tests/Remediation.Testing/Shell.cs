namespace Remediation.Testing;

/// <summary>Quoting for the few shell snippets the fixtures hand to <c>sh -c</c>.</summary>
internal static class Shell
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
