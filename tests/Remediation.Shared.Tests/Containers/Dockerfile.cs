using System.Text.Json;
using System.Text.RegularExpressions;

namespace Remediation.Shared.Tests.Containers;

/// <summary>A Dockerfile read into its instructions (continuation lines joined, comments dropped) and stages.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions)
    {
        Instructions = instructions;
        var stages = new List<DockerfileStage>();
        var start = -1;
        for (var n = 0; n <= instructions.Count; n++)
        {
            if (n < instructions.Count && instructions[n].Keyword != "FROM")
                continue;
            if (start >= 0)
            {
                var from = Words(instructions[start].Arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = from.Length == 3 && from[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? from[2] : $"{stages.Count}";
                stages.Add(new DockerfileStage(name, from[0], [.. instructions.Skip(start + 1).Take(n - start - 1)]));
            }

            start = n;
        }

        Stages = stages;
    }

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>The stages in order; the last one is what a build without <c>--target</c> produces.</summary>
    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>The ARG instructions before the first FROM, with their defaults.</summary>
    public IReadOnlyDictionary<string, string?> GlobalArguments =>
        Instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG").Select(i => i.Arguments.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : null, StringComparer.Ordinal);

    public DockerfileStage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>
    /// What an image built with <paramref name="target"/> ends up with: the instructions of that stage after those of
    /// the stages it is built FROM, base first.
    /// </summary>
    public IReadOnlyList<(string Keyword, string Arguments)> Image(string target)
    {
        var chain = new List<DockerfileStage>();
        for (var stage = Stage(target); stage is not null; stage = Stages.SingleOrDefault(s => s.Name == stage.BaseImage))
            chain.Insert(0, stage);
        return [.. chain.SelectMany(s => s.Instructions)];
    }

    /// <summary>The base image a target finally runs on (the first FROM of its chain that is not a stage).</summary>
    public string BaseImageOf(string target)
    {
        var stage = Stage(target);
        while (Stages.SingleOrDefault(s => s.Name == stage.BaseImage) is { } parent)
            stage = parent;
        return stage.BaseImage;
    }

    public static Dockerfile Read(string path)
    {
        var instructions = new List<(string, string)>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                continue;
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var match = Instruction().Match(current);
            instructions.Add((match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim()));
            current = "";
        }

        return new Dockerfile(instructions);
    }

    /// <summary>The sources of COPY instructions from the build context (not those from another stage).</summary>
    public static IReadOnlyList<string> ContextSources(IEnumerable<(string Keyword, string Arguments)> instructions) =>
        [.. instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => Words(i.Arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1))];

    /// <summary>The words of an exec-form (JSON array) instruction such as ENTRYPOINT or CMD.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments) =>
        JsonSerializer.Deserialize<string[]>(arguments) ?? throw new InvalidOperationException($"Not an exec form: {arguments}");

    public static string[] Words(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^(\w+)\s+(.*)$")]
    private static partial Regex Instruction();
}
