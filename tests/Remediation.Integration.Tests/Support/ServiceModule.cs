using Microsoft.AspNetCore.Builder;
using Remediation.Decision;
using Remediation.Detector;
using Remediation.Executor;
using Remediation.Notifier;
using Remediation.Postmortem;

namespace Remediation.Integration.Tests.Support;

/// <summary>One of the five service modules, with the two calls its host's Program.cs makes: <c>Add...()</c> and <c>Map...()</c>.</summary>
public sealed record ServiceModule(string Name, Action<WebApplicationBuilder> Add, Action<WebApplication> Map)
{
    public static ServiceModule Detector { get; } = new("detector", b => b.AddDetector(), a => a.MapDetector());

    public static ServiceModule Decision { get; } = new("decision", b => b.AddDecision(), a => a.MapDecision());

    public static ServiceModule Executor { get; } = new("executor", b => b.AddExecutor(), a => a.MapExecutor());

    public static ServiceModule Notifier { get; } = new("notifier", b => b.AddNotifier(), a => a.MapNotifier());

    public static ServiceModule Postmortem { get; } = new("postmortem", b => b.AddPostmortem(), a => a.MapPostmortem());

    public static IReadOnlyList<ServiceModule> All { get; } = [Detector, Decision, Executor, Notifier, Postmortem];

    public override string ToString() => Name;
}
