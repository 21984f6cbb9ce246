using Microsoft.Extensions.Options;
using Remediation.SampleService;

// One process of the sample "shop": a version of the service (Sample:Role=service), or the load generator (load).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddOptions<SampleOptions>().BindConfiguration(SampleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SampleOptions>>().Value);
var role = builder.Configuration[$"{SampleOptions.Section}:Role"] ?? "service";
if (role == "load")
{
    builder.Services.AddSingleton<LoadMetrics>();
    builder.Services.AddHostedService<LoadGenerator>();
}
else
{
    builder.Services.AddSingleton(sp =>
    {
        var options = sp.GetRequiredService<SampleOptions>();
        return new Behaviour(options.ErrorRatio, options.LatencyMs);
    });
    builder.Services.AddSingleton<RequestMetrics>();
}

var app = builder.Build();
if (role == "load")
{
    var metrics = app.Services.GetRequiredService<LoadMetrics>();
    app.MapGet("/health", () => Results.Text("ok"));
    app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
}
else
{
    app.MapShop();
}

app.Run();
