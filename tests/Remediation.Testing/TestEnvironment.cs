namespace Remediation.Testing;

/// <summary>
/// The environment variables that point the fixtures at servers started elsewhere (by infra/test.sh, or CI's service
/// containers). Without them each test process starts its own throwaway servers.
/// </summary>
public static class TestEnvironment
{
    public const string RabbitMqHost = "REMEDIATION_TEST_RABBITMQ_HOST";
    public const string RabbitMqPort = "REMEDIATION_TEST_RABBITMQ_PORT";
    public const string RabbitMqUser = "REMEDIATION_TEST_RABBITMQ_USER";
    public const string RabbitMqPassword = "REMEDIATION_TEST_RABBITMQ_PASSWORD";
    public const string RabbitMqManagementPort = "REMEDIATION_TEST_RABBITMQ_MANAGEMENT_PORT";

    /// <summary>A superuser connection string (Npgsql format) of a PostgreSQL server the tests may create databases on.</summary>
    public const string Postgres = "REMEDIATION_TEST_POSTGRES";

    internal static string? Get(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;

    internal static int GetPort(string name, int @default)
    {
        var text = Get(name);
        if (text is null)
            return @default;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{name}='{text}' is not a port number.");
    }
}
