namespace Remediation.Notifier.Tests;

/// <summary>Waits on a condition with a generous timeout (never a fixed delay): the machine may be slow, the test must not be.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        await TrueAsync(() => Task.FromResult(condition()), timeout, because);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"Condition not met within {timeout ?? DefaultTimeout}: {because}");
            await Task.Delay(25);
        }
    }
}
