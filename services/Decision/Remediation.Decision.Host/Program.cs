using Remediation.Decision;
using Remediation.Messaging;
using Remediation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDecision();
builder.Services.AddRemediationMessaging(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDecision();
app.Run();
