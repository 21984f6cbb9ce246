using System.Xml.Linq;

namespace Remediation.Shared.Tests.Containers;

/// <summary>The project files a project needs to restore: itself and its project references, transitively.</summary>
public static class ProjectGraph
{
    /// <summary>Repository-relative paths, with forward slashes.</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!result.Add(current))
                continue;

            var directory = Path.GetDirectoryName(RepositoryFiles.PathOf(current))!;
            var references = XDocument.Load(RepositoryFiles.PathOf(current)).Descendants("ProjectReference")
                .Select(r => r.Attribute("Include")!.Value.Replace('\\', '/'))
                .Select(include => Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(directory, include))).Replace('\\', '/'));
            foreach (var reference in references)
                pending.Push(reference);
        }

        return result;
    }
}
