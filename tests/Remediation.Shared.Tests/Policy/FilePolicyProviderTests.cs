using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remediation.Policy;

namespace Remediation.Shared.Tests.Policy;

public sealed class FilePolicyProviderTests : IDisposable
{
    private const string Valid = """
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            rollback: { window: 10m }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("policy-").FullName;

    private string PolicyPath => Path.Combine(_directory, "policy.yaml");

    [Fact]
    public void Invalid_file_stops_the_provider_from_starting_with_its_errors()
    {
        File.WriteAllText(PolicyPath, "services:\n  - name: checkout\n    environment: production\n");

        var failure = Assert.Throws<PolicyValidationException>(Create);

        Assert.Contains($"{PolicyPath}:2:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_named_in_the_error()
    {
        var failure = Assert.Throws<PolicyValidationException>(Create);

        Assert.Contains(PolicyPath, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_change_is_rejected_and_the_previous_policy_stays_until_a_valid_one()
    {
        File.WriteAllText(PolicyPath, Valid);
        using var provider = Create();
        Assert.Equal(TimeSpan.FromMinutes(10), provider.Current.Find("production", "checkout")!.Rollback.Window);

        File.WriteAllText(PolicyPath, Valid.Replace("10m", "ten minutes", StringComparison.Ordinal));
        provider.Reload();

        Assert.Equal(TimeSpan.FromMinutes(10), provider.Current.Find("production", "checkout")!.Rollback.Window);
        Assert.Contains($"{PolicyPath}:5:", provider.LastError, StringComparison.Ordinal);

        File.WriteAllText(PolicyPath, Valid.Replace("10m", "20m", StringComparison.Ordinal));
        provider.Reload();

        Assert.Equal(TimeSpan.FromMinutes(20), provider.Current.Find("production", "checkout")!.Rollback.Window);
        Assert.Null(provider.LastError);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Relative_path_is_resolved_against_the_content_root_not_the_working_directory()
    {
        File.WriteAllText(PolicyPath, Valid);

        using var provider = new FilePolicyProvider(Options.Create(new PolicyOptions { Path = Path.GetFileName(PolicyPath) }),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = _directory }, NullLogger<FilePolicyProvider>.Instance);

        Assert.Equal(PolicyPath, provider.Current.Source);
    }

    private FilePolicyProvider Create() =>
        new(Options.Create(new PolicyOptions { Path = PolicyPath }), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = "/" },
            NullLogger<FilePolicyProvider>.Instance);
}
