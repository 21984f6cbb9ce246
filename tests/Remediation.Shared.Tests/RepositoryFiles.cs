namespace Remediation.Shared.Tests;

/// <summary>Files of the repository these tests check (the example policy, the compose file, Dockerfiles).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Remediation.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No Remediation.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
