using System.Collections.Concurrent;

namespace Remediation.Shared.Tests.Messaging;

/// <summary>Counts the attempts the test consumers see, per message.</summary>
public sealed class ConsumerProbe
{
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    public int AttemptsFor(Guid id) => _attempts.GetValueOrDefault(id);

    public void Attempted(Guid id) => _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
}
