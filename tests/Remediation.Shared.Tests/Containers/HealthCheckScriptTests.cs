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
        var broken = await RunAsync(port, "/health/broken");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("503", broken.Output, StringComparison.Ordinal);

        await app.StopAsync();
        Assert.NotEqual(0, (await RunAsync(port, "/health/ready")).ExitCode);
    }

    private static Task<ProcessResult> RunAsync(int port, string path) =>
        ExternalProcess.RunAsync("bash", [RepositoryFiles.PathOf("infra/docker/healthcheck.sh"), path],
            new Dictionary<string, string?> { ["HEALTHCHECK_PORT"] = port.ToString(CultureInfo.InvariantCulture) }, TimeSpan.FromSeconds(30));
}
