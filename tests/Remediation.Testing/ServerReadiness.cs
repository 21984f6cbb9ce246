namespace Remediation.Testing;

/// <summary>Waits for a started server to answer, failing fast with its output when it exits or never answers.</summary>
internal static class ServerReadiness
{
    public static async Task WaitAsync(ExternalProcess process, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.Name} exited with {process.ExitCode} before it was ready.{System.Environment.NewLine}{process.Output}");

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                if (await probe(attempt.Token))
                    return;
                last = "not ready";
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException ||
                                       (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = ex.Message;
            }

            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{process.Name} was not ready within {timeout.TotalSeconds:0} s ({last}).{System.Environment.NewLine}{process.Output}");
            await Task.Delay(100, cancellationToken);
        }
    }

    public static Func<CancellationToken, Task<bool>> HttpOk(HttpClient client, string path) => async cancellationToken =>
    {
        using var response = await client.GetAsync(path, cancellationToken);
        return response.IsSuccessStatusCode;
    };
}
