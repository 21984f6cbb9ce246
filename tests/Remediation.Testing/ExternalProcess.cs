using System.Diagnostics;

namespace Remediation.Testing;

/// <summary>
/// A program the tests run: started with its arguments and environment, its last lines of output kept for failure
/// messages, and its whole process tree killed on dispose so that nothing outlives the test that started it.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output;
    private int _disposed;

    private ExternalProcess(string name, Process process, OutputTail output)
    {
        Name = name;
        _process = process;
        _output = output;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the process printed so far.</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Starts <paramref name="fileName"/>. An environment value of null removes the variable. With
    /// <paramref name="newSession"/> the program runs in a session (and process group) of its own, through
    /// <c>setsid</c>, so that a terminal's Ctrl-C reaches only the test runner, which then stops it in order.
    /// </summary>
    public static ExternalProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? name = null,
        int keepLines = 200,
        bool newSession = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var info = new ProcessStartInfo(newSession ? "setsid" : fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        if (newSession)
            info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }

        var output = new OutputTail(keepLines);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start {fileName}: {ex.Message}. Is it installed (see infra/test.sh)?", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ExternalProcess(name ?? Path.GetFileName(fileName), process, output);
    }

    /// <summary>Runs a program to completion; past <paramref name="timeout"/> it is killed and a <see cref="TimeoutException"/> names it.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        await using var process = Start(fileName, arguments, environment, workingDirectory);
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        if (!await process.WaitForExitAsync(limit, cancellationToken))
            throw new TimeoutException($"{process.Name} did not finish within {limit}.{System.Environment.NewLine}{process.Output}");
        return new ProcessResult(process.Name, process._process.ExitCode, process.Output);
    }

    /// <summary>Runs a program to completion without awaiting (for process-exit handlers, which cannot await).</summary>
    public static int RunBlocking(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        var process = Start(fileName, arguments, environment);
        try
        {
            if (!process._process.WaitForExit(timeout))
                return -1;
            process._process.WaitForExit();
            return process._process.ExitCode;
        }
        finally
        {
            process.Kill();
            process._process.Dispose();
        }
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), then kills its tree if it is still there after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
            return;

        await RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken: cancellationToken);
        if (!await WaitForExitAsync(grace, cancellationToken))
            Kill();
    }

    /// <summary>Kills the process and every process it started (SIGKILL), at once.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Part of the tree was already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Name} (pid {_process.Id})";
}
