using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels;

/// <summary>
/// Refuses to start with a channel that cannot work: an unknown type, a missing or malformed URL, missing credentials,
/// unknown events, or retry settings that outlast the delivery lease. Messages name the setting, never its value.
/// </summary>
internal sealed partial class NotifierOptionsValidator(IEnumerable<INotificationChannel> implementations) : IValidateOptions<NotifierOptions>
{
    public ValidateOptionsResult Validate(string? name, NotifierOptions options)
    {
        var types = implementations.ToDictionary(c => c.Type, StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        foreach (var (channelName, channel) in options.Channels)
        {
            var at = $"{NotifierOptions.Section}:Channels:{channelName}";
            if (!ChannelName().IsMatch(channelName))
                failures.Add($"{at}: a channel name has letters, digits, '.', '-' or '_' (at most 100).");

            if (!types.TryGetValue(channel.Type ?? "", out var implementation))
            {
                failures.Add($"{at}:Type '{channel.Type}' is not a channel type ({string.Join(", ", types.Keys.Order())}).");
                continue;
            }

            if (string.IsNullOrWhiteSpace(channel.Url))
                failures.Add($"{at}:Url is required.");
            else if (!Uri.TryCreate(channel.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                failures.Add($"{at}:Url must be an absolute http or https URL.");

            foreach (var e in channel.Events)
            {
                if (!Enum.TryParse<NotificationKind>(e, ignoreCase: true, out var kind) || int.TryParse(e, out _))
                    failures.Add($"{at}:Events: '{e}' is not an event ({string.Join(", ", Enum.GetNames<NotificationKind>())}).");
                else if (!implementation.SupportedEvents.Contains(kind))
                    failures.Add($"{at}:Events: a {implementation.Type} channel cannot tell about {kind} (it can: {string.Join(", ", implementation.SupportedEvents.Order())}).");
            }

            failures.AddRange(implementation.Validate(channel).Select(problem => $"{at}:{problem}"));
            failures.AddRange(ValidateDelivery(at, channel, options.Dispatch.LeaseDuration));
        }

        var dispatch = options.Dispatch;
        if (dispatch.PollInterval <= TimeSpan.Zero || dispatch.LeaseDuration <= TimeSpan.Zero || dispatch.RoutingGrace < TimeSpan.Zero)
            failures.Add($"{NotifierOptions.Section}:Dispatch: PollInterval and LeaseDuration must be positive, RoutingGrace not negative.");
        if (dispatch.BatchSize is < 1 or > 1000)
            failures.Add($"{NotifierOptions.Section}:Dispatch:BatchSize must be between 1 and 1000.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ValidateDelivery(string at, ChannelOptions channel, TimeSpan lease)
    {
        if (channel.RateLimit.PerSecond is <= 0)
            yield return $"{at}:RateLimit:PerSecond must be positive.";
        if (channel.RateLimit.Burst is < 1)
            yield return $"{at}:RateLimit:Burst must be at least 1.";
        if (channel.Timeout <= TimeSpan.Zero || channel.Timeout > TimeSpan.FromMinutes(5))
            yield return $"{at}:Timeout must be positive and at most 5 minutes.";
        if (channel.MaxConcurrency is < 1 or > 32)
            yield return $"{at}:MaxConcurrency must be between 1 and 32.";

        var retry = channel.Retry;
        if (retry.MaxRetries is < 0 or > 10)
            yield return $"{at}:Retry:MaxRetries must be between 0 and 10.";
        if (retry.BaseDelay <= TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
            yield return $"{at}:Retry: BaseDelay must be positive and MaxDelay at least BaseDelay.";
        if (retry.RescheduleDelay <= TimeSpan.Zero || retry.MaxRescheduleDelay < retry.RescheduleDelay)
            yield return $"{at}:Retry: RescheduleDelay must be positive and MaxRescheduleDelay at least RescheduleDelay.";
        if (retry.GiveUpAfter <= TimeSpan.Zero)
            yield return $"{at}:Retry:GiveUpAfter must be positive.";

        // A run must end well before its lease does, or another instance could deliver the same notification meanwhile.
        var longestRun = (retry.MaxRetries + 1) * channel.Timeout + retry.MaxRetries * retry.MaxDelay;
        if (retry.MaxRetries is >= 0 and <= 10 && longestRun * 2 > lease)
            yield return $"{at}:Retry: a run can take {longestRun} ((MaxRetries + 1) x Timeout + MaxRetries x MaxDelay), more than half of {NotifierOptions.Section}:Dispatch:LeaseDuration ({lease}).";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex ChannelName();
}
