using System.Text.RegularExpressions;

namespace Remediation.Shared.Tests.Containers;

/// <summary>Static checks of the images infra/docker/Dockerfile produces (its runtime stages) and of what builds them.</summary>
public sealed partial class DockerImageTests
{
    public static TheoryData<string> Targets => new() { "service", "standalone" };

    private static Dockerfile Definition => Dockerfile.Read(RepositoryFiles.PathOf(DockerfileTests.DockerfilePath));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Image_is_aspnet_as_a_non_root_user_on_port_8080_with_a_health_check(string target)
    {
        var image = Definition.Image(target);
        var environment = string.Join(' ', image.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}", Definition.BaseImageOf(target), StringComparison.Ordinal);
        Assert.Contains(image, i => i.Keyword == "COPY" && i.Arguments == "--from=build /app ./");
        Assert.Equal("$APP_UID", image.Last(i => i.Keyword == "USER").Arguments);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", environment, StringComparison.Ordinal);
        // The hosts' appsettings.json set Urls (loopback), which beats ASPNETCORE_URLS; only the Urls variable beats it.
        Assert.Contains(" Urls=http://+:8080", environment, StringComparison.Ordinal);
        Assert.Equal("8080", Assert.Single(image, i => i.Keyword == "EXPOSE").Arguments);
        Assert.Matches(@"^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD \[""bash"", ""/usr/local/bin/healthcheck""\]$",
            Assert.Single(image, i => i.Keyword == "HEALTHCHECK").Arguments);
        Assert.Contains(image, i => i.Keyword == "COPY" && i.Arguments == "infra/docker/healthcheck.sh /usr/local/bin/healthcheck");
        // The health check's path comes from the HEALTH_PATH build argument (healthcheck.sh reads HEALTHCHECK_PATH).
        Assert.Contains(image, i => i.Keyword == "ARG" && i.Arguments == "HEALTH_PATH=/health/ready");
        Assert.Contains("HEALTHCHECK_PATH=${HEALTH_PATH}", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_are_the_default_target_and_standalone_adds_its_policy_and_data_volume()
    {
        var standalone = Definition.Stage("standalone");
        var environment = string.Join(' ', standalone.Instructions.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));

        Assert.Equal("service", Definition.Stages[^1].Name);
        Assert.Equal("runtime", Definition.Stage("service").BaseImage);
        Assert.Equal("runtime", standalone.BaseImage);
        Assert.Contains(standalone.Instructions, i => i.Keyword == "COPY" && i.Arguments == "infra/policy/policy.yaml /etc/remediation/policy.yaml");
        Assert.Contains(standalone.Instructions, i => i.Keyword == "RUN" && i.Arguments == "mkdir -p /data && chown \"$APP_UID\" /data");
        Assert.Equal("/data", Assert.Single(standalone.Instructions, i => i.Keyword == "VOLUME").Arguments);
        string[] settings =
        [
            "Remediation__Policy__Path=/etc/remediation/policy.yaml",
            "Remediation__Persistence__ConnectionString=\"Data Source=/data/remediation.db\"",
            "Remediation__Persistence__Provider=Sqlite",
            "Remediation__Messaging__Transport=InMemory",
        ];
        Assert.All(settings, setting => Assert.Contains(setting, environment, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_copied_path_exists_and_is_in_the_build_context()
    {
        var ignore = DockerIgnore.Load();
        var sources = Dockerfile.ContextSources(Definition.Instructions);

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = source == "." ? "" : source.TrimEnd('/');
            Assert.True(ignore.InContext(path), $"{DockerfileTests.DockerfilePath} copies {source}, which does not exist or .dockerignore leaves out");
        }
    }

    [Fact]
    public void Build_context_leaves_out_build_output_local_state_and_secrets()
    {
        var ignore = DockerIgnore.Load();

        foreach (var path in new[] { "shared/Remediation.Policy/bin", "services/Detector/Remediation.Detector/obj", ".env", "infra/compose.env", ".git", "tests/Remediation.Shared.Tests", ".data", "x/TestResults", "tests/Remediation.SampleService/bin", "tests/Remediation.SampleService/obj/x.json" })
            Assert.True(ignore.IsIgnored(path), $".dockerignore does not leave out {path}");
        foreach (var path in new[] { "shared/Remediation.Policy", "infra/policy/policy.yaml", "infra/docker/healthcheck.sh", "Directory.Build.props", ".editorconfig", "tests/Directory.Build.props", "tests/Remediation.SampleService/Program.cs" })
            Assert.False(ignore.IsIgnored(path), $".dockerignore leaves out {path}, which the images need");
    }

    [Fact]
    public void Standalone_builds_in_CI_and_the_docs_name_the_standalone_target()
    {
        var builds = new[] { ".github/workflows/ci.yml", "infra/README.md", "docs/deployment.md", "README.md" }
            .SelectMany(file => DockerBuild().Matches(File.ReadAllText(RepositoryFiles.PathOf(file)).Replace("\\\n", " ", StringComparison.Ordinal))
                .Select(m => (File: file, Command: m.Value)))
            .Where(b => b.Command.Contains("Remediation.Standalone.csproj", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(builds, b => b.File == ".github/workflows/ci.yml");
        Assert.All(builds, b => Assert.Contains($"-f {DockerfileTests.DockerfilePath} ", b.Command, StringComparison.Ordinal));
        Assert.All(builds, b => Assert.Contains("--target standalone", b.Command, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_scripts_and_workflows_name_only_Dockerfiles_that_exist()
    {
        var files = new[] { "README.md", "docker-compose.yml" }
            .Concat(Directory.EnumerateFiles(RepositoryFiles.PathOf("docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepositoryFiles.PathOf(".github"), "*.yml", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepositoryFiles.PathOf("infra"), "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)));

        // A path is relative to the repository root, or (infra/README.md's table) to the naming file's directory.
        var named = files.SelectMany(f => DockerfileReference().Matches(File.ReadAllText(RepositoryFiles.PathOf(f)))
            .Select(m => (File: f, Path: m.Value))).ToList();

        Assert.Contains(named, n => n.Path == DockerfileTests.DockerfilePath);
        Assert.All(named, n => Assert.True(
            File.Exists(RepositoryFiles.PathOf(n.Path)) || File.Exists(Path.Combine(Path.GetDirectoryName(RepositoryFiles.PathOf(n.File))!, n.Path)),
            $"{n.File} names {n.Path}, which does not exist"));
    }

    [GeneratedRegex(@"docker build [^\n]*")]
    private static partial Regex DockerBuild();

    [GeneratedRegex(@"[\w.<>-]+(/[\w.<>-]+)*/Dockerfile\b")]
    private static partial Regex DockerfileReference();
}
