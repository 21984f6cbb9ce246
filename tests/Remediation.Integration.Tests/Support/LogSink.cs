using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// Keeps a host's last warnings and errors in memory instead of printing them: the integration tests provoke retries,
/// conflicts and restarts on purpose, and a failing test shows what its hosts said (see <see cref="Installation"/>).
/// </summary>
public sealed class LogSink(string host) : ILoggerProvider
{
    private const int Keep = 200;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The host's name, at the start of each line.</summary>
    public string Host { get; } = host;

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Nothing to release: the lines stay readable after the host stopped.
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Keep)
            _lines.TryDequeue(out _);
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var error = exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]";
            sink.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {sink.Host} {logLevel} {category}: {formatter(state, exception)}{error}");
        }
    }
}
