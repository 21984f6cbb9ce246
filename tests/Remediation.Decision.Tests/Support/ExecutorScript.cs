using System.Collections.Concurrent;

namespace Remediation.Decision.Tests.Support;

/// <summary>What the scripted executor answers, per target (version or action); succeed by default.</summary>
public sealed class ExecutorScript
{
    private readonly ConcurrentDictionary<string, ExecutorAnswer> _answers = new(StringComparer.Ordinal);

    public ExecutorScript Answer(string target, ExecutorAnswer answer)
    {
        _answers[target] = answer;
        return this;
    }

    public ExecutorAnswer Next(string target) => _answers.GetValueOrDefault(target, ExecutorAnswer.Succeed);
}
