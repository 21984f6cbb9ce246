using Remediation.EndToEnd.Tests.Stack;

namespace Remediation.EndToEnd.Tests;

/// <summary>
/// The scenarios share one stack (starting it takes most of a minute on two cores) and run one after another; each has
/// an environment of its own, whose earlier versions the stack deploys and soaks in the background from the start.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndScenarios : ICollectionFixture<EndToEndSystem>
{
    public const string Name = "end to end";
}
