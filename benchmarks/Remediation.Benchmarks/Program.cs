using System.CommandLine;
using Remediation.Benchmarks.Ingestion;

// One subcommand per benchmark; each prints its figures and the machine it ran on.
var root = new RootCommand("Remediation benchmarks: programs that measure and print figures (see docs/benchmarks.md).");
root.Subcommands.Add(IngestionCommand.Create());
return await root.Parse(args).InvokeAsync();
