namespace Remediation.Testing;

/// <summary>How a program that ran to completion ended: its exit code and the last lines it printed.</summary>
public sealed record ProcessResult(string Name, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws, with the program's output, unless it exited with 0.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (!Succeeded)
            throw new InvalidOperationException($"{what} failed: {Name} exited with {ExitCode}.{System.Environment.NewLine}{Output}");
        return this;
    }
}
