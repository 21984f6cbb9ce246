using Remediation.Testing;

namespace Remediation.Postmortem.Tests;

/// <summary>The store's specifications on a real PostgreSQL (jsonb, timestamptz, row locks between replicas), a database per test.</summary>
public sealed class PostgresIncidentStoreTests : IncidentStoreSpecs
{
    protected override async Task<PostmortemServices> StartAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var database = await server.CreateDatabaseAsync("postmortem");
        return await PostmortemServices.StartAsync(database.Configuration, database);
    }
}
