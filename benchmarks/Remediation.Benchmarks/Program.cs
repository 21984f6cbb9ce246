using System.CommandLine;
using Remediation.Benchmarks.Ingestion;
using Remediation.Benchmarks.Pipeline;

// One subcommand per benchmark; each prints its figures and the machine it ran on.
var root = new RootCommand("Remediation benchmarks: programs that measure and print figures (see docs/benchmarks.md).");
root.Subcommands.Add(IngestionCommand.Create());
root.Subcommands.Add(LatencyCommand.Create());
root.Subcommands.Add(BurstCommand.Create());
return await root.Parse(args).InvokeAsync();
