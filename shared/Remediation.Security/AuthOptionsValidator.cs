using Microsoft.Extensions.Options;

namespace Remediation.Security;

/// <summary>Refuses to start with empty, short or duplicate secrets, or unknown roles.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var at = $"{AuthOptions.Section}:Tokens:{i}";
            if (string.IsNullOrWhiteSpace(token.Name))
                failures.Add($"{at}:Name is required.");
            if (token.Token.Length < MinimumSecretLength)
                failures.Add($"{at}:Token must be at least {MinimumSecretLength} characters.");
            failures.AddRange(token.Roles.Where(r => !Roles.All.Contains(r)).Select(r => $"{at}:Roles: '{r}' is not a role ({string.Join(", ", Roles.All)})."));
        }

        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var at = $"{AuthOptions.Section}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Username))
                failures.Add($"{at}:Username is required.");
            if (user.Password.Length < MinimumSecretLength)
                failures.Add($"{at}:Password must be at least {MinimumSecretLength} characters.");
            failures.AddRange(user.Roles.Where(r => !Roles.All.Contains(r)).Select(r => $"{at}:Roles: '{r}' is not a role ({string.Join(", ", Roles.All)})."));
        }

        if (options.Tokens.GroupBy(t => t.Token).Any(g => g.Count() > 1))
            failures.Add($"{AuthOptions.Section}:Tokens: two credentials share a token.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
