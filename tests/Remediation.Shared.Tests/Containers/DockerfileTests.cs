using System.Text.RegularExpressions;

namespace Remediation.Shared.Tests.Containers;

/// <summary>Static checks of the images' Dockerfiles (no Docker engine runs here; CI builds them).</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string> Hosts => new()
    {
        { "services/Detector/Remediation.Detector.Host/Dockerfile", "services/Detector/Remediation.Detector.Host/Remediation.Detector.Host.csproj" },
        { "services/Decision/Remediation.Decision.Host/Dockerfile", "services/Decision/Remediation.Decision.Host/Remediation.Decision.Host.csproj" },
        { "services/Executor/Remediation.Executor.Host/Dockerfile", "services/Executor/Remediation.Executor.Host/Remediation.Executor.Host.csproj" },
        { "services/Notifier/Remediation.Notifier.Host/Dockerfile", "services/Notifier/Remediation.Notifier.Host/Remediation.Notifier.Host.csproj" },
        { "services/Postmortem/Remediation.Postmortem.Host/Dockerfile", "services/Postmortem/Remediation.Postmortem.Host/Remediation.Postmortem.Host.csproj" },
        { "services/Standalone/Dockerfile", "services/Standalone/Remediation.Standalone/Remediation.Standalone.csproj" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Restore_layer_copies_exactly_the_project_files_the_host_needs(string dockerfile, string project)
    {
        var file = Dockerfile.Read(RepositoryFiles.PathOf(dockerfile));
        bool IsRestore((string Keyword, string Arguments) i) => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal);

        var restore = Assert.Single(file.Instructions, IsRestore);
        var beforeRestore = file.CopiedBefore(IsRestore);

        Assert.Equal($"dotnet restore {project}", restore.Arguments);
        Assert.Equal(ProjectGraph.Closure(project).Order(StringComparer.Ordinal), beforeRestore.Where(s => s.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("Directory.Build.props", beforeRestore);
        Assert.Contains("Directory.Packages.props", beforeRestore);
        Assert.DoesNotContain(beforeRestore, s => s.EndsWith('/'));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Build_stage_publishes_the_host_and_the_image_runs_its_assembly(string dockerfile, string project)
    {
        var file = Dockerfile.Read(RepositoryFiles.PathOf(dockerfile));
        var assembly = Path.GetFileNameWithoutExtension(project);

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", file.Instructions.First(i => i.Keyword == "FROM").Arguments, StringComparison.Ordinal);
        Assert.Contains(file.Instructions, i => i.Keyword == "RUN" && i.Arguments.StartsWith($"dotnet publish {project} -c Release --no-restore", StringComparison.Ordinal));
        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", file.FinalStage.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Runtime_stage_is_aspnet_as_a_non_root_user_on_port_8080_with_a_readiness_check(string dockerfile, string project)
    {
        _ = project;
        var stage = Dockerfile.Read(RepositoryFiles.PathOf(dockerfile)).FinalStage;
        var environment = string.Join(' ', stage.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", stage[0].Arguments, StringComparison.Ordinal);
        Assert.Equal("$APP_UID", stage.Last(i => i.Keyword == "USER").Arguments);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", environment, StringComparison.Ordinal);
        // The hosts' appsettings.json set Urls (loopback), which beats ASPNETCORE_URLS; only the Urls variable beats it.
        Assert.Contains("Urls=http://+:8080", environment.Replace("ASPNETCORE_URLS", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("8080", stage.Single(i => i.Keyword == "EXPOSE").Arguments);
        Assert.Matches(@"CMD \[""bash"", ""/usr/local/bin/healthcheck"", ""/health/ready""\]$", stage.Single(i => i.Keyword == "HEALTHCHECK").Arguments);
        Assert.Contains(stage, i => i.Keyword == "COPY" && i.Arguments == "infra/docker/healthcheck.sh /usr/local/bin/healthcheck");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_copied_path_exists_and_is_in_the_build_context(string dockerfile, string project)
    {
        _ = project;
        var ignored = DockerIgnore();

        foreach (var source in Dockerfile.Read(RepositoryFiles.PathOf(dockerfile)).AllCopied)
        {
            var path = source.TrimEnd('/');
            Assert.True(File.Exists(RepositoryFiles.PathOf(path)) || Directory.Exists(RepositoryFiles.PathOf(path)), $"{dockerfile} copies {source}, which does not exist");
            Assert.False(ignored.Any(p => p.IsMatch(path)), $"{dockerfile} copies {source}, which .dockerignore leaves out of the build context");
        }
    }

    [Fact]
    public void Build_context_leaves_out_build_output_local_state_and_secrets()
    {
        var ignored = DockerIgnore();

        foreach (var path in new[] { "shared/Remediation.Policy/bin", "services/Detector/Remediation.Detector/obj", ".env", "infra/compose.env", ".git", "tests", ".data", "x/TestResults" })
            Assert.True(ignored.Any(p => p.IsMatch(path)), $".dockerignore does not leave out {path}");
        foreach (var path in new[] { "shared/Remediation.Policy", "infra/policy/policy.yaml", "infra/docker/healthcheck.sh", "Directory.Build.props", ".editorconfig" })
            Assert.False(ignored.Any(p => p.IsMatch(path)), $".dockerignore leaves out {path}, which the images need");
    }

    /// <summary>The .dockerignore patterns as regular expressions over repository-relative paths.</summary>
    private static List<Regex> DockerIgnore() =>
    [
        .. File.ReadAllLines(RepositoryFiles.PathOf(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(pattern =>
            {
                var body = Regex.Escape(pattern.TrimEnd('/'))
                    .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                    .Replace(@"\*", "[^/]*", StringComparison.Ordinal);
                return new Regex($"^{body}(/.*)?$", RegexOptions.CultureInvariant);
            }),
    ];
}
