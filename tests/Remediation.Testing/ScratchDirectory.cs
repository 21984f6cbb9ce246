namespace Remediation.Testing;

/// <summary>Throwaway directories under the system temp directory, one per server or test.</summary>
internal static class ScratchDirectory
{
    public static string Create(string prefix)
    {
        var parent = Path.Combine(Path.GetTempPath(), "remediation-tests");
        if (!Directory.Exists(parent))
        {
            Directory.CreateDirectory(parent);
            // Shared by every user's test runs, like /tmp; a server that runs as another user (postgres) must reach its
            // own directory through it.
            TrySetMode(parent, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        }

        // Short: unix socket paths (PostgreSQL, HAProxy) live in these directories and are limited to 107 bytes.
        var path = Path.Combine(parent, $"{prefix}-{System.Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(path);
        TrySetMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A server still writing as it dies; the watchdog or the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
            // Files of another user when not root; same as above.
        }
    }

    private static void TrySetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            // Created by another user, who set it up the same way.
        }
    }
}
