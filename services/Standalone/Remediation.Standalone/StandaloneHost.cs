using Remediation.Decision;
using Remediation.Detector;
using Remediation.Executor;
using Remediation.Messaging;
using Remediation.Notifier;
using Remediation.Postmortem;
using Remediation.ServiceDefaults;

namespace Remediation.Standalone;

/// <summary>
/// All five modules in one process: one bus on MassTransit's in-memory transport, one SQLite file, one HTTP listener on
/// loopback. The embedded default a new user runs first; the same modules run as five services over RabbitMQ and
/// PostgreSQL by configuration alone.
/// </summary>
public static class StandaloneHost
{
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);

        builder.AddServiceDefaults();
        builder.AddDetector().AddDecision().AddExecutor().AddNotifier().AddPostmortem();
        builder.Services.AddRemediationMessaging(builder.Configuration);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapDetector();
        app.MapDecision();
        app.MapExecutor();
        app.MapNotifier();
        app.MapPostmortem();
        return app;
    }
}
