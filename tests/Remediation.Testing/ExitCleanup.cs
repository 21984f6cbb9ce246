using System.Collections.Concurrent;

namespace Remediation.Testing;

/// <summary>
/// Stops what the fixtures started when the test process exits normally. A process that is killed outright (a hang
/// timeout) runs no handler: <see cref="OrphanWatchdog"/> covers that case.
/// </summary>
internal static class ExitCleanup
{
    private static readonly ConcurrentDictionary<object, Action> Actions = new();
    private static readonly Lazy<bool> Hooked = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
        return true;
    });

    public static void Register(object owner, Action cleanup)
    {
        _ = Hooked.Value;
        Actions[owner] = cleanup;
    }

    public static void Unregister(object owner) => Actions.TryRemove(owner, out _);

    private static void RunAll()
    {
        foreach (var owner in Actions.Keys.ToList())
        {
            if (!Actions.TryRemove(owner, out var cleanup))
                continue;
            try
            {
                cleanup();
            }
            catch (Exception)
            {
                // The process is exiting: one failed cleanup must not stop the others.
            }
        }
    }
}
