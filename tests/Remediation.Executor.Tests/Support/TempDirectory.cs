namespace Remediation.Executor.Tests.Support;

/// <summary>A directory for one test's files (database, kubeconfig, sockets), deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        // Short: unix socket paths are limited to about 100 characters.
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rx-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not let go yet; the OS cleans temp.
        }
    }
}
