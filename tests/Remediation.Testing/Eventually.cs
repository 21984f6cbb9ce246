using Xunit.Sdk;

namespace Remediation.Testing;

/// <summary>
/// Waits for a condition by polling it, never by sleeping a fixed time. On timeout the test fails with what it was
/// waiting for and the last value (or exception) it observed. Timeouts are generous bounds for a loaded machine, not
/// expectations of speed.
/// </summary>
public static class Eventually
{
    /// <summary>The bound most waits use: long enough for a busy 2-core machine, short enough to fail a stuck test.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), v => v, timeout, what);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        UntilAsync(condition, v => v, timeout, what);

    /// <summary>Polls <paramref name="observe"/> until <paramref name="accept"/> holds for its value; returns that value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> observe, Func<T, bool> accept, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(accept);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(10);
        var observations = 0;
        object? last = "(nothing observed)";
        while (true)
        {
            try
            {
                var value = await observe();
                observations++;
                last = value;
                if (accept(value))
                    return value;
            }
            catch (Exception ex) when (ex is not XunitException)
            {
                // Not there yet (a server still starting, a row not written): keep polling, and report it if it lasts.
                observations++;
                last = ex;
            }

            if (DateTimeOffset.UtcNow >= deadline)
                throw new XunitException(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what} ({observations} observations). Last observed: {Describe(last)}");

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(250, pause.TotalMilliseconds * 2));
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        Exception ex => $"{ex.GetType().Name}: {ex.Message}",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString() ?? "null")) + "]",
        _ => value.ToString() ?? "",
    };
}
