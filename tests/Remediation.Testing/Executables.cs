namespace Remediation.Testing;

/// <summary>Finds the server binaries the fixtures run.</summary>
internal static class Executables
{
    /// <summary>The first candidate that exists: absolute paths as given, bare names through <c>PATH</c>.</summary>
    public static string? Find(params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                    return candidate;
                continue;
            }

            foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                    return path;
            }
        }

        return null;
    }

    public static string Require(string what, string package, params string[] candidates) =>
        Find(candidates) ?? throw new InvalidOperationException(
            $"{what} is not installed (looked for {string.Join(", ", candidates)}). Run ./infra/test.sh, which installs it, or apt-get install {package}.");

    public static bool IsRoot => System.Environment.IsPrivilegedProcess;
}
