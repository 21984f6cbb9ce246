namespace Remediation.Postmortem.Tests;

/// <summary>The store's specifications on SQLite (the embedded mode), a file per test.</summary>
public sealed class SqliteIncidentStoreTests : IncidentStoreSpecs
{
    protected override Task<PostmortemServices> StartAsync() => PostmortemServices.StartAsync();
}
