using System.Diagnostics;
using System.Globalization;

namespace Remediation.Testing;

/// <summary>
/// A detached bash that waits for the test process to end and then runs a cleanup script, so that servers started by
/// a test process that was killed (hang timeout, Ctrl-C twice) do not run on. Each script checks that its directory
/// still exists first: a normal stop deletes the directory, which leaves the watchdog nothing to do.
/// </summary>
internal sealed class OrphanWatchdog : IDisposable
{
    private readonly Process? _process;

    private OrphanWatchdog(Process? process) => _process = process;

    public static OrphanWatchdog Start(string directory, string cleanupScript)
    {
        var pid = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {pid}; do sleep 1; done; " +
                     $"if [ -d {Shell.Quote(directory)} ]; then {cleanupScript}; rm -rf {Shell.Quote(directory)}; fi";
        try
        {
            var info = new ProcessStartInfo("setsid") { UseShellExecute = false, ArgumentList = { "bash", "-c", script } };
            return new OrphanWatchdog(Process.Start(info));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No setsid: the exit handler still cleans up after a normal exit.
            return new OrphanWatchdog(null);
        }
    }

    public void Dispose()
    {
        if (_process is null)
            return;
        try
        {
            if (!_process.HasExited)
                _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
