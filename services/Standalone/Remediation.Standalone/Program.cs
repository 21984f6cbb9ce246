using Remediation.Decision;
using Remediation.Detector;
using Remediation.Executor;
using Remediation.Messaging;
using Remediation.Notifier;
using Remediation.Postmortem;
using Remediation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
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
app.Run();
