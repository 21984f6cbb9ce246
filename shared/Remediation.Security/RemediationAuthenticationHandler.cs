using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Remediation.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens and <c>Basic</c> users from <see cref="AuthOptions"/>, comparing in
/// constant time. The identity's name is the credential's name, never the secret.
/// </summary>
public sealed class RemediationAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptionsMonitor<AuthOptions> credentials,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Remediation";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || string.IsNullOrEmpty(header.Parameter))
            return Task.FromResult(AuthenticateResult.NoResult());

        var auth = credentials.CurrentValue;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            // Compare against every credential so the time taken does not say which one matched.
            TokenCredential? match = null;
            foreach (var credential in auth.Tokens)
            {
                if (SecretComparer.AreEqual(header.Parameter, credential.Token))
                    match = credential;
            }

            return Task.FromResult(match is null
                ? AuthenticateResult.Fail("The bearer token is not valid.")
                : Success(match.Name, match.Roles));
        }

        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            }
            catch (FormatException)
            {
                return Task.FromResult(AuthenticateResult.Fail("The basic credentials are not base64."));
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                return Task.FromResult(AuthenticateResult.Fail("The basic credentials are not user:password."));

            var user = decoded[..colon];
            var password = decoded[(colon + 1)..];
            BasicCredential? match = null;
            foreach (var credential in auth.Users)
            {
                if (SecretComparer.AreEqual(user, credential.Username) & SecretComparer.AreEqual(password, credential.Password))
                    match = credential;
            }

            return Task.FromResult(match is null
                ? AuthenticateResult.Fail("The basic credentials are not valid.")
                : Success(match.Username, match.Roles));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"remediation\", Basic realm=\"remediation\"";
        return Problems.Write(Context, 401, "unauthenticated", "Authentication required: send Authorization: Bearer <token> or Basic credentials.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, 403, "forbidden", $"'{Context.User.Identity?.Name}' may not do this.");

    private static AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
