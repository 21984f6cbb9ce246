using System.Diagnostics;
using System.Globalization;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// Kills the stack's processes if the test process dies without disposing them (a hang timeout kills it outright, and
/// then no finaliser runs): a detached shell waits for this process to end, then kills every process id listed in a
/// file. A normal dispose deletes the file first, which leaves the guard nothing to do.
/// </summary>
public sealed class OrphanGuard : IDisposable
{
    private readonly string _pidFile;
    private readonly Process? _watcher;
    private readonly Lock _gate = new();

    public OrphanGuard(string directory)
    {
        _pidFile = Path.Combine(directory, "pids");
        File.WriteAllText(_pidFile, "");
        var pid = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var file = "'" + _pidFile.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {pid}; do sleep 1; done; " +
                     $"if [ -f {file} ]; then for p in $(cat {file}); do kill -KILL \"$p\"; done; rm -f {file}; fi";
        try
        {
            _watcher = Process.Start(new ProcessStartInfo("setsid") { UseShellExecute = false, ArgumentList = { "bash", "-c", script } });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No setsid: a normal dispose still stops everything.
            _watcher = null;
        }
    }

    public void Watch(int processId)
    {
        lock (_gate)
            File.AppendAllText(_pidFile, processId.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    public void Dispose()
    {
        lock (_gate)
            File.Delete(_pidFile);
        if (_watcher is null)
            return;
        try
        {
            if (!_watcher.HasExited)
                _watcher.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _watcher.Dispose();
    }
}
