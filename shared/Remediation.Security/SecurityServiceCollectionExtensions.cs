using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Remediation.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Bearer and basic authentication from <c>Remediation:Auth</c>, and one authorization policy per role
    /// (<see cref="Roles"/>). Idempotent, so every module may call it.
    /// </summary>
    public static IServiceCollection AddRemediationAuth(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AuthOptionsValidator)))
            return services;

        services.AddSingleton<AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsValidator>());
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddAuthentication(RemediationAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RemediationAuthenticationHandler>(RemediationAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Ingest, p => p.RequireRole(Roles.Ingest))
            .AddPolicy(Roles.Operator, p => p.RequireRole(Roles.Operator))
            .AddPolicy(Roles.Reader, p => p.RequireRole(Roles.Reader, Roles.Operator));
        return services;
    }
}
