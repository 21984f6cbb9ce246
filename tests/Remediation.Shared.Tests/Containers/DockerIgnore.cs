using System.Text.RegularExpressions;

namespace Remediation.Shared.Tests.Containers;

/// <summary>
/// The repository's .dockerignore as Docker applies it: patterns in order, the last one matching a path decides, a
/// pattern starting with ! brings a path back, and a pattern matching a directory matches everything below it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(bool Include, string Pattern, Regex Regex)> rules;

    private DockerIgnore(List<(bool, string, Regex)> rules) => this.rules = rules;

    public static DockerIgnore Load() => new(
    [
        .. File.ReadAllLines(RepositoryFiles.PathOf(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(line =>
            {
                var include = line.StartsWith('!');
                var pattern = line.TrimStart('!').Trim('/');
                var body = Regex.Escape(pattern)
                    .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                    .Replace(@"\*", "[^/]*", StringComparison.Ordinal);
                return (include, pattern, new Regex($"^{body}(/.*)?$", RegexOptions.CultureInvariant));
            }),
    ]);

    /// <summary>Whether the repository-relative <paramref name="path"/> is left out of the build context.</summary>
    public bool IsIgnored(string path)
    {
        var ignored = false;
        foreach (var (include, _, regex) in rules)
        {
            if (regex.IsMatch(path))
                ignored = !include;
        }

        return ignored;
    }

    /// <summary>Whether a COPY of <paramref name="path"/> (a file, or a directory with a file in the context) finds it.</summary>
    public bool InContext(string path)
    {
        var full = RepositoryFiles.PathOf(path);
        return File.Exists(full) ? !IsIgnored(path) : Directory.Exists(full) && ContextFiles(path).Any();
    }

    /// <summary>The files of the build context (under <paramref name="under"/>, repository-relative, forward slashes).</summary>
    public IEnumerable<string> ContextFiles(string under = "")
    {
        var pending = new Stack<string>([under]);
        while (pending.TryPop(out var directory))
        {
            var full = RepositoryFiles.PathOf(directory);
            foreach (var file in Directory.EnumerateFiles(full).Select(Relative).Where(f => !IsIgnored(f)).Order(StringComparer.Ordinal))
                yield return file;
            foreach (var child in Directory.EnumerateDirectories(full).Select(Relative).Where(d => d != ".git" && !Pruned(d)))
                pending.Push(child);
        }
    }

    // A left-out directory is walked only when a ! pattern may bring back something below it.
    private bool Pruned(string directory) =>
        IsIgnored(directory) && !rules.Any(r => r.Include && (r.Pattern.Contains('*', StringComparison.Ordinal) || r.Pattern.StartsWith(directory + "/", StringComparison.Ordinal)));

    private static string Relative(string full) => Path.GetRelativePath(RepositoryFiles.Root, full).Replace('\\', '/');
}
