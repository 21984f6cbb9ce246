using Remediation.Executor;
using Remediation.Messaging;
using Remediation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddExecutor();
builder.Services.AddRemediationMessaging(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapExecutor();
app.Run();
