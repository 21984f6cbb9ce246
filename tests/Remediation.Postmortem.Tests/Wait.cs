namespace Remediation.Postmortem.Tests;

/// <summary>Waits on a condition, polling, with a generous timeout; fails saying what it waited for and what it saw.</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? observed = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s for {what}; observed: {observed?.Invoke() ?? "nothing"}.");
            await Task.Delay(50);
        }
    }
}
