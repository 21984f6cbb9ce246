namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>Where the repository's files and the built programs are, found from this test assembly's location.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Remediation.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No Remediation.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    /// <summary>The build configuration this assembly was built in (its output directory is bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// A project's built DLL in the same configuration (the test project references it without loading it, so building
    /// the tests builds it).
    /// </summary>
    public static string Program(string projectDirectory, string assemblyName)
    {
        var path = PathOf($"{projectDirectory}/bin/{Configuration}/net10.0/{assemblyName}.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build tests/Remediation.EndToEnd.Tests in {Configuration} (it builds the hosts).");
    }

    public static string Host(string service) => Program($"services/{service}/Remediation.{service}.Host", $"Remediation.{service}.Host");

    public static string SampleService => Program("tests/Remediation.SampleService", "Remediation.SampleService");
}
