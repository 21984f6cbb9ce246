using System.CommandLine;
using Remediation.Standalone;
using Remediation.Standalone.Demo;

var root = new RootCommand("Remediation, all five services in one process (in-memory transport, SQLite, HTTP on 127.0.0.1).");
root.SetAction(async (_, cancellationToken) =>
{
    await using var app = StandaloneHost.Build(args);
    await app.RunAsync(cancellationToken);
    return 0;
});

var demo = new Command("demo", "Play a bad deploy end to end on a simulated service, print the incident's timeline and where its report is.");
demo.SetAction((_, cancellationToken) => DemoScript.RunAsync(Console.Out, cancellationToken));
root.Subcommands.Add(demo);

return await root.Parse(args).InvokeAsync();
