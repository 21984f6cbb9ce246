using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Remediation.Policy.Parsing;

namespace Remediation.Policy;

/// <summary>
/// Loads the policy file at start (an invalid file stops the host with every error listed) and reloads it when it
/// changes. A changed file that is invalid is rejected: the previous policy stays in force and the errors are logged
/// and reported by <see cref="LastError"/> (the readiness check shows it).
/// </summary>
public sealed class FilePolicyProvider : IPolicyProvider, IDisposable
{
    private readonly string _path;
    private readonly ILogger<FilePolicyProvider> _logger;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _subscription;
    private PolicyDocument _current;

    public FilePolicyProvider(IOptions<PolicyOptions> options, IHostEnvironment environment, ILogger<FilePolicyProvider> logger)
    {
        // A relative path is relative to the application's content root (where appsettings.json is), not to wherever
        // the process happened to be started from.
        _path = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);
        _logger = logger;
        if (!File.Exists(_path))
            throw new PolicyValidationException($"The policy file {_path} does not exist (set {PolicyOptions.Section}:Path).");

        _current = PolicyParser.ParseFile(_path);
        _logger.LogInformation("Policy loaded from {Path}: {Count} services", _path, _current.Services.Count);

        _files = new PhysicalFileProvider(System.IO.Path.GetDirectoryName(_path)!) { UsePollingFileWatcher = false };
        var name = System.IO.Path.GetFileName(_path);
        _subscription = ChangeToken.OnChange(() => _files.Watch(name), Reload);
    }

    public PolicyDocument Current => Volatile.Read(ref _current);

    public string? LastError { get; private set; }

    /// <summary>Reads the file again; called on change, and callable directly.</summary>
    public void Reload()
    {
        try
        {
            var next = PolicyParser.ParseFile(_path);
            Volatile.Write(ref _current, next);
            LastError = null;
            _logger.LogInformation("Policy reloaded from {Path}: {Count} services", _path, next.Services.Count);
        }
        catch (Exception ex) when (ex is PolicyValidationException or IOException)
        {
            LastError = ex.Message;
            _logger.LogError("Policy change in {Path} rejected, the previous policy stays in force: {Problems}", _path, ex.Message);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _files.Dispose();
    }
}
