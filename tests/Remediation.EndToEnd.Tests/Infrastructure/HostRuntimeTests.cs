using System.Text.Json.Nodes;
using Remediation.EndToEnd.Tests.Stack;

namespace Remediation.EndToEnd.Tests.Infrastructure;

/// <summary>How the hosts' runtime is configured in what is built (and published into the images from the same projects).</summary>
public sealed class HostRuntimeTests
{
    [Theory]
    [InlineData("Detector")]
    [InlineData("Decision")]
    [InlineData("Executor")]
    [InlineData("Notifier")]
    [InlineData("Postmortem")]
    public void Host_runs_without_dynamic_PGO_so_a_restarted_host_is_fast_within_seconds(string service)
    {
        var runtimeConfig = Path.ChangeExtension(Repository.Host(service), ".runtimeconfig.json");

        var properties = JsonNode.Parse(File.ReadAllText(runtimeConfig))?["runtimeOptions"]?["configProperties"];

        Assert.False(properties?["System.Runtime.TieredPGO"]?.GetValue<bool>() ?? true, $"{runtimeConfig} leaves dynamic PGO on");
    }
}
