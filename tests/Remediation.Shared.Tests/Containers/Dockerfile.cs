using System.Text.RegularExpressions;

namespace Remediation.Shared.Tests.Containers;

/// <summary>A Dockerfile read into its instructions (continuation lines joined, comments dropped).</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last stage (after its FROM).</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> FinalStage =>
        [.. Instructions.Skip(Instructions.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n)];

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

    /// <summary>The sources of COPY instructions (not those copied from another stage), before the instruction that matches.</summary>
    public IReadOnlyList<string> CopiedBefore(Func<(string Keyword, string Arguments), bool> until) =>
        [.. Instructions.TakeWhile(i => !until(i)).Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => Words(i.Arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1))];

    public IReadOnlyList<string> AllCopied => CopiedBefore(_ => false);

    private static string[] Words(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^(\w+)\s+(.*)$")]
    private static partial Regex Instruction();
}
