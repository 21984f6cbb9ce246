using Remediation.Postmortem;
using Remediation.Messaging;
using Remediation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPostmortem();
builder.Services.AddRemediationMessaging(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPostmortem();
app.Run();
