using Remediation.Notifier;
using Remediation.Messaging;
using Remediation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifier();
builder.Services.AddRemediationMessaging(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotifier();
app.Run();
