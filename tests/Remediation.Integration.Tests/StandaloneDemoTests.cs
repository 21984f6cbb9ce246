using Remediation.Testing;

namespace Remediation.Integration.Tests;

/// <summary>The README's first command: the demo plays a bad deploy to a resolved incident and a report, and exits 0.</summary>
public sealed class StandaloneDemoTests
{
    [Fact]
    public async Task Demo_rolls_back_the_bad_deploy_resolves_the_incident_and_writes_the_report()
    {
        var configuration = typeof(StandaloneDemoTests).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
        var root = RepositoryRoot();
        var host = Path.Combine(root, "services", "Standalone", "Remediation.Standalone", "bin", configuration, "net10.0", "Remediation.Standalone.dll");
        Assert.True(File.Exists(host), $"The standalone host is not built at {host}.");
        var work = Directory.CreateTempSubdirectory("demo-test-").FullName;

        try
        {
            var result = await ExternalProcess.RunAsync("dotnet", [host, "demo"], workingDirectory: work, timeout: TimeSpan.FromMinutes(4));

            result.EnsureSuccess("the demo");
            Assert.Contains("executor    called the deploy endpoint: checkout is back on v1", result.Output, StringComparison.Ordinal);
            Assert.Contains("IncidentResolved", result.Output, StringComparison.Ordinal);
            var report = Assert.Single(Directory.GetFiles(Path.Combine(work, ".data", "demo"), "incident-*.md"));
            var markdown = await File.ReadAllTextAsync(report);
            Assert.Contains("v2 rolled back to v1, resolved", markdown, StringComparison.Ordinal);
            Assert.Contains("## Rollback chain", markdown, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Remediation.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("Remediation.sln not found above " + AppContext.BaseDirectory);
    }
}
