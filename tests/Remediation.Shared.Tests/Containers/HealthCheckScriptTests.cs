using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Containers;

/// <summary>infra/docker/healthcheck.sh, the images' health check, against a real HTTP server.</summary>
public sealed class HealthCheckScriptTests
{
    [Fact]
    public async Task Health_check_succeeds_on_200_and_fails_on_an_error_status_or_no_server()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Text("Healthy"));
        app.MapGet("/health/broken", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync();

        Assert.Equal(0, (await RunAsync(port, "/health/ready")).ExitCode);
        // Without an argument it asks for HEALTHCHECK_PATH (the image's HEALTH_PATH), else /health/ready.
        Assert.Equal(0, (await RunAsync(port, null)).ExitCode);
        Assert.Contains("/health/broken", (await RunAsync(port, null, "/health/broken")).Output, StringComparison.Ordinal);
        var broken = await RunAsync(port, "/health/broken");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("503", broken.Output, StringComparison.Ordinal);

        await app.StopAsync();
        Assert.NotEqual(0, (await RunAsync(port, "/health/ready")).ExitCode);
    }

    private static Task<ProcessResult> RunAsync(int port, string? path, string? pathVariable = null) =>
        ExternalProcess.RunAsync("bash", [RepositoryFiles.PathOf("infra/docker/healthcheck.sh"), .. path is null ? Array.Empty<string>() : [path]],
            new Dictionary<string, string?> { ["HEALTHCHECK_PORT"] = port.ToString(CultureInfo.InvariantCulture), ["HEALTHCHECK_PATH"] = pathVariable },
            TimeSpan.FromSeconds(30));
}
