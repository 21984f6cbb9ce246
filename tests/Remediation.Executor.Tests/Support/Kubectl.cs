using System.Diagnostics;

namespace Remediation.Executor.Tests.Support;

/// <summary>Runs the machine's real <c>/usr/bin/kubectl</c> with its own kubeconfig, home and discovery cache.</summary>
internal sealed class Kubectl(TempDirectory temp, string kubeconfig)
{
    public const string Path = "/usr/bin/kubectl";

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.ArgumentList.Add($"--cache-dir={temp.File("kube-cache")}");
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = temp.Path;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish: {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
