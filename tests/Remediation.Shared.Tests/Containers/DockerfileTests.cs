using System.Text.RegularExpressions;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Containers;

/// <summary>
/// Static checks of the build stages of infra/docker/Dockerfile, the one Dockerfile of every .NET image, for each host
/// it builds (no Docker engine runs here; CI builds the images).
/// </summary>
public sealed partial class DockerfileTests
{
    public const string DockerfilePath = "infra/docker/Dockerfile";

    /// <summary>Every project the Dockerfile builds (PROJECT), and the target its image is built with.</summary>
    public static TheoryData<string, string> Hosts => new()
    {
        { "services/Detector/Remediation.Detector.Host/Remediation.Detector.Host.csproj", "service" },
        { "services/Decision/Remediation.Decision.Host/Remediation.Decision.Host.csproj", "service" },
        { "services/Executor/Remediation.Executor.Host/Remediation.Executor.Host.csproj", "service" },
        { "services/Notifier/Remediation.Notifier.Host/Remediation.Notifier.Host.csproj", "service" },
        { "services/Postmortem/Remediation.Postmortem.Host/Remediation.Postmortem.Host.csproj", "service" },
        { "services/Standalone/Remediation.Standalone/Remediation.Standalone.csproj", "standalone" },
        { "tests/Remediation.SampleService/Remediation.SampleService.csproj", "service" },
    };

    private static Dockerfile Definition => Dockerfile.Read(RepositoryFiles.PathOf(DockerfilePath));

    private static bool IsRestore((string Keyword, string Arguments) i) =>
        i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Gathered_project_files_cover_every_project_and_MSBuild_file_the_host_restores_with(string project, string target)
    {
        _ = target;
        var stage = Definition.Stage("projects");
        var gather = Assert.Single(stage.Instructions, i => i.Keyword == "RUN").Arguments;
        var names = GatheredName().Matches(gather)
            .Select(m => new Regex($"^{Regex.Escape(m.Groups[2].Value).Replace(@"\*", ".*", StringComparison.Ordinal)}$",
                m.Groups[1].Value == "iname" ? RegexOptions.IgnoreCase : RegexOptions.None))
            .ToList();
        // The gathering runs over the whole build context, as the files would land in it.
        Assert.Equal(". .", Assert.Single(stage.Instructions, i => i.Keyword == "COPY").Arguments);
        Assert.Contains("cp --parents '{}' /projects/", gather, StringComparison.Ordinal);
        var gathered = DockerIgnore.Load().ContextFiles()
            .Where(f => names.Any(n => n.IsMatch(Path.GetFileName(f))))
            .ToHashSet(StringComparer.Ordinal);

        var needed = ProjectGraph.Closure(project).ToList();
        needed.Add("Directory.Packages.props");
        needed.AddRange(ProjectGraph.Closure(project).SelectMany(MSBuildFilesAbove));
        Assert.All(needed, file => Assert.True(gathered.Contains(file), $"restoring {project} needs {file}, which the projects stage does not gather"));
        Assert.Contains(names, n => n.IsMatch("NuGet.config"));
        Assert.DoesNotContain(gathered, f => f.EndsWith("global.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Restore_runs_on_PROJECT_with_the_gathered_project_files_alone_so_source_changes_reuse_its_layer()
    {
        var build = Definition.Stage("build").Instructions;
        var restore = Assert.Single(build, IsRestore);
        var beforeRestore = build.TakeWhile(i => !IsRestore(i)).ToList();

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}", Definition.Stage("build").BaseImage, StringComparison.Ordinal);
        Assert.Equal("10.0", Definition.GlobalArguments["DOTNET_VERSION"]);
        Assert.Equal("PROJECT", Assert.Single(beforeRestore, i => i.Keyword == "ARG").Arguments);
        Assert.Equal("dotnet restore \"$PROJECT\"", restore.Arguments);
        Assert.Equal("--from=projects /projects ./", Assert.Single(beforeRestore, i => i.Keyword == "COPY").Arguments);
        Assert.DoesNotContain(Definition.Stages.Where(s => s.Name != "projects").SelectMany(s => s.Instructions), i => IsRestore(i) && i != restore);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Build_stage_copies_the_sources_of_every_project_the_host_needs_and_publishes_it(string project, string target)
    {
        _ = target;
        var build = Definition.Stage("build").Instructions;
        var sources = Dockerfile.ContextSources(build.SkipWhile(i => !IsRestore(i)));
        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments;

        foreach (var needed in ProjectGraph.Closure(project))
        {
            var directory = Path.GetDirectoryName(needed)!.Replace('\\', '/') + "/";
            Assert.True(sources.Any(s => directory.StartsWith(s, StringComparison.Ordinal)), $"{project} needs {directory}, which the build stage does not copy");
        }

        Assert.Contains(".editorconfig", sources);
        Assert.StartsWith("dotnet publish \"$PROJECT\" -c Release --no-restore -p:UseAppHost=false -p:TreatWarningsAsErrors=false -o /app ", publish, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Image_runs_the_assembly_named_after_PROJECT_with_the_arguments_it_is_given(string project, string target)
    {
        var directory = Directory.CreateTempSubdirectory("dockerfile-");
        try
        {
            var app = Path.Combine(directory.FullName, "app");
            var bin = Directory.CreateDirectory(Path.Combine(directory.FullName, "bin")).FullName;
            Directory.CreateDirectory(app);
            // A stand-in for dotnet that prints each argument it gets on a line of its own.
            var dotnet = Path.Combine(bin, "dotnet");
            await File.WriteAllTextAsync(dotnet, "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>\\n' \"$a\"; done\n");
            if (!OperatingSystem.IsWindows()) // the images, and so these checks, run /bin/sh
                File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var environment = new Dictionary<string, string?>
            {
                ["PROJECT"] = project,
                ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            };
            string InTemp(string text) => text.Replace("/app/", app + "/", StringComparison.Ordinal);

            // What the publish step does after dotnet publish: it records the entry assembly's name.
            var publish = Definition.Stage("build").Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
            var record = publish.Arguments[(publish.Arguments.IndexOf("&&", StringComparison.Ordinal) + 2)..];
            (await ExternalProcess.RunAsync("/bin/sh", ["-c", InTemp(record)], environment, TimeSpan.FromSeconds(30))).EnsureSuccess("recording the entry assembly");

            var entrypoint = Dockerfile.ExecForm(Definition.Image(target).Last(i => i.Keyword == "ENTRYPOINT").Arguments).Select(InTemp).ToList();
            string[] arguments = ["demo", "two words", "$(touch injected)", "\"; touch injected"];
            var run = await ExternalProcess.RunAsync(entrypoint[0], [.. entrypoint.Skip(1), .. arguments], environment, TimeSpan.FromSeconds(30), directory.FullName);

            var assembly = Path.Combine(app, Path.GetFileNameWithoutExtension(project) + ".dll");
            Assert.Equal(0, run.ExitCode);
            Assert.Equal([$"<{assembly}>", .. arguments.Select(a => $"<{a}>")], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.False(File.Exists(Path.Combine(directory.FullName, "injected")));

            // The default target refuses the standalone host, which needs the standalone target's policy and volume.
            var guard = Assert.Single(Definition.Stage("service").Instructions, i => i.Keyword == "RUN");
            var guarded = await ExternalProcess.RunAsync("/bin/sh", ["-c", InTemp(guard.Arguments)], environment, TimeSpan.FromSeconds(30));
            Assert.Equal(target == "standalone", guarded.ExitCode != 0);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Build_stops_with_a_reason_when_PROJECT_is_missing_or_not_a_project_file()
    {
        var check = Definition.Stage("build").Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("if ", StringComparison.Ordinal)).Arguments;

        foreach (var (project, valid) in new[] { ("", false), ("services/Nope/Nope.csproj", false), ("Directory.Build.props", false), ("services/Detector/Remediation.Detector.Host/Remediation.Detector.Host.csproj", true) })
        {
            var result = await ExternalProcess.RunAsync("/bin/sh", ["-c", check], new Dictionary<string, string?> { ["PROJECT"] = project }, TimeSpan.FromSeconds(30), RepositoryFiles.Root);
            Assert.True(valid == result.Succeeded, $"PROJECT='{project}': exit {result.ExitCode} {result.Output}");
            if (!valid)
                Assert.Contains("--build-arg PROJECT=", result.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Directory.Build.props and .targets in the directories from the project's up to the repository root.</summary>
    private static IEnumerable<string> MSBuildFilesAbove(string project)
    {
        for (var directory = Path.GetDirectoryName(project); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets" })
            {
                var file = directory.Length == 0 ? name : $"{directory.Replace('\\', '/')}/{name}";
                if (File.Exists(RepositoryFiles.PathOf(file)))
                    yield return file;
            }

            if (directory.Length == 0)
                break;
        }
    }

    [GeneratedRegex(@"-(name|iname) '([^']+)'")]
    private static partial Regex GatheredName();
}
