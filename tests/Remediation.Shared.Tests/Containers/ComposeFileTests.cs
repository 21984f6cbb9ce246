using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remediation.Messaging;
using Remediation.Persistence;
using Remediation.Policy;
using Remediation.Security;
using YamlDotNet.RepresentationModel;

namespace Remediation.Shared.Tests.Containers;

/// <summary>Static checks of docker-compose.yml (infra/scripts/check-compose.sh runs Compose's own check where it is installed).</summary>
public sealed class ComposeFileTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "detector", "services/Detector/Remediation.Detector.Host/Remediation.Detector.Host.csproj" },
        { "decision", "services/Decision/Remediation.Decision.Host/Remediation.Decision.Host.csproj" },
        { "executor", "services/Executor/Remediation.Executor.Host/Remediation.Executor.Host.csproj" },
        { "notifier", "services/Notifier/Remediation.Notifier.Host/Remediation.Notifier.Host.csproj" },
        { "postmortem", "services/Postmortem/Remediation.Postmortem.Host/Remediation.Postmortem.Host.csproj" },
    };

    [Fact]
    public void Broker_and_database_are_the_pinned_images_with_health_checks()
    {
        var compose = ComposeFile.Load();
        var rabbitmq = compose.Service("rabbitmq");
        var postgres = compose.Service("postgres");

        // The broker, the database and the five services first; then the demo loop around them (sample shop, HAProxy,
        // load generator, Prometheus, Alertmanager).
        Assert.Equal(["rabbitmq", "postgres", "detector", "decision", "executor", "notifier", "postmortem"],
            compose.Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Take(7));
        Assert.Equal("rabbitmq:3.10-management", ComposeFile.Scalar(rabbitmq, "image"));
        Assert.Equal(["CMD", "rabbitmq-diagnostics", "-q", "ping"], ComposeFile.Sequence(rabbitmq, "healthcheck", "test"));
        Assert.Equal("postgres:15", ComposeFile.Scalar(postgres, "image"));
        Assert.Contains("pg_isready", string.Join(' ', ComposeFile.Sequence(postgres, "healthcheck", "test")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_is_built_from_its_host_project_and_starts_after_healthy_dependencies(string name, string project)
    {
        var service = ComposeFile.Load().Service(name);

        Assert.Equal(project, ComposeFile.Scalar(service, "build", "args", "PROJECT"));
        Assert.Equal("service_healthy", ComposeFile.Scalar(service, "depends_on", "rabbitmq", "condition"));
        Assert.Equal("service_healthy", ComposeFile.Scalar(service, "depends_on", "postgres", "condition"));
        Assert.Equal(["CMD", "bash", "/usr/local/bin/healthcheck", "/health/ready"], ComposeFile.Sequence(service, "healthcheck", "test"));
        Assert.Equal(["./infra/policy/policy.yaml:/etc/remediation/policy.yaml:ro"], ComposeFile.Sequence(service, "volumes"));
        Assert.All(ComposeFile.Sequence(service, "ports"), p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_environment_is_valid_configuration_for_the_hosts_options(string name, string project)
    {
        _ = project;
        var compose = ComposeFile.Load();
        var environment = ComposeFile.Environment(compose.Service(name));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddRemediationMessaging(configuration);
        services.AddRemediationAuth();
        services.AddOptions<PersistenceOptions>().Bind(configuration.GetSection(PersistenceOptions.Section));
        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection(PolicyOptions.Section));
        using var provider = services.BuildServiceProvider();

        // Resolving the options runs the hosts' own validators (secret lengths, roles, RabbitMQ settings).
        var messaging = provider.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var auth = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
        var persistence = provider.GetRequiredService<IOptions<PersistenceOptions>>().Value;

        Assert.Equal((MessagingTransport.RabbitMq, "rabbitmq", (ushort)5672, true), (messaging.Transport, messaging.RabbitMq.Host, messaging.RabbitMq.Port, messaging.RabbitMq.UseQuorumQueues));
        Assert.Equal((compose.Variables["RABBITMQ_USER"], compose.Variables["RABBITMQ_PASSWORD"]), (messaging.RabbitMq.Username, messaging.RabbitMq.Password));
        Assert.Equal(PersistenceProvider.PostgreSql, persistence.Provider);
        Assert.Equal($"Host=postgres;Port=5432;Database=remediation_{name};Username={compose.Variables["POSTGRES_USER"]};Password={compose.Variables["POSTGRES_PASSWORD"]}",
            persistence.ConnectionString);
        Assert.Equal("/etc/remediation/policy.yaml", provider.GetRequiredService<IOptions<PolicyOptions>>().Value.Path);
        Assert.Equal([Roles.Ingest, Roles.Operator, Roles.Reader], auth.Tokens.SelectMany(t => t.Roles));
    }

    [Fact]
    public void Every_built_image_comes_from_the_one_Dockerfile_with_a_project_it_builds_and_the_health_path_compose_checks()
    {
        var built = ComposeFile.Load().Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("build"))
            .ToDictionary(s => ((YamlScalarNode)s.Key).Value!, s => (YamlMappingNode)s.Value, StringComparer.Ordinal);
        var hosts = DockerfileTests.Hosts.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["detector", "decision", "executor", "notifier", "postmortem", "shop-v0", "shop-v1", "shop-v2", "loadgen"]), built.Keys.ToHashSet());
        foreach (var (name, service) in built)
        {
            var project = ComposeFile.Scalar(service, "build", "args", "PROJECT");
            Assert.Equal((".", DockerfileTests.DockerfilePath), (ComposeFile.Scalar(service, "build", "context"), ComposeFile.Scalar(service, "build", "dockerfile")));
            Assert.True(File.Exists(RepositoryFiles.PathOf(project)), $"{name} builds {project}, which does not exist");
            // The Dockerfile's static checks cover exactly the projects it is known to build.
            Assert.Contains(project, hosts);
            // Compose's own health check and the image's (HEALTH_PATH, /health/ready unless given) ask for the same path.
            var build = (YamlMappingNode)service["build"];
            var healthPath = ((YamlMappingNode)build["args"]).Children.TryGetValue("HEALTH_PATH", out var path) ? ((YamlScalarNode)path).Value : "/health/ready";
            Assert.Equal(["CMD", "bash", "/usr/local/bin/healthcheck", healthPath!], ComposeFile.Sequence(service, "healthcheck", "test"));
            Assert.False(build.Children.ContainsKey("target"), $"{name}: only the standalone host needs a target");
        }
    }

    [Fact]
    public void Secrets_come_from_the_env_file_and_every_variable_has_an_example()
    {
        var compose = ComposeFile.Load();
        var raw = compose.Text;

        Assert.Equal(compose.Variables.Keys.Order(StringComparer.Ordinal), compose.ReferencedVariables.Order(StringComparer.Ordinal));
        foreach (var line in raw.Split('\n').Where(l => l.Contains("PASS", StringComparison.OrdinalIgnoreCase) || l.Contains("Token:", StringComparison.Ordinal)))
            Assert.True(line.Contains("${", StringComparison.Ordinal), $"a secret written into docker-compose.yml: {line.Trim()}");
        Assert.Contains(".env", File.ReadAllLines(RepositoryFiles.PathOf(".gitignore")));
        Assert.Contains("infra/compose.env", File.ReadAllLines(RepositoryFiles.PathOf(".gitignore")));
    }
}
