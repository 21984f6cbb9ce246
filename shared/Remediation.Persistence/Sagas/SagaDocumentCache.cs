using Microsoft.Extensions.Options;

namespace Remediation.Persistence.Sagas;

/// <summary>
/// The last row this process stored or read for the most recently used instances of <typeparamref name="TSaga"/>, so that
/// the next message of an instance starts from it instead of reading the row again (one round trip fewer on every
/// message). It is only a starting point: the update that follows is still guarded by the version column, so a copy made
/// stale by another process (or by a write outside the repository that moved the version on) makes the update match no
/// row, the copy is dropped and the message is retried on the row read afresh. A version is never reused for an instance
/// because the repository that caches never deletes rows (see
/// <see cref="DocumentSagaRepositoryExtensions.CachedDocumentRepository{TSaga, TContext}"/>).
/// Least recently used copies go first once <see cref="PersistenceOptions.SagaCacheCapacity"/> is reached.
/// </summary>
public sealed class SagaDocumentCache<TSaga>(IOptions<PersistenceOptions> options)
    where TSaga : class, IStoredSaga
{
    private static readonly string SagaType = SagaDocumentSerializer.TypeName<TSaga>();

    private sealed record Copy(Guid CorrelationId, string? CurrentState, int Version, string Data, DateTimeOffset UpdatedAt);

    private readonly int _capacity = options.Value.SagaCacheCapacity;
    private readonly Dictionary<Guid, LinkedListNode<Copy>> _index = [];
    private readonly LinkedList<Copy> _recency = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _index.Count;
        }
    }

    /// <summary>A fresh, untracked row from the copy of <paramref name="correlationId"/>; null when there is none.</summary>
    public SagaRow? Get(Guid correlationId)
    {
        Copy copy;
        lock (_lock)
        {
            if (!_index.TryGetValue(correlationId, out var node))
                return null;
            _recency.Remove(node);
            _recency.AddFirst(node);
            copy = node.Value;
        }

        return new SagaRow
        {
            SagaType = SagaType,
            CorrelationId = copy.CorrelationId,
            CurrentState = copy.CurrentState,
            Version = copy.Version,
            Data = copy.Data,
            UpdatedAt = copy.UpdatedAt,
        };
    }

    /// <summary>Keeps <paramref name="row"/> as stored; a copy of a later version, stored meanwhile, is kept instead.</summary>
    public void Set(SagaRow row)
    {
        if (_capacity <= 0)
            return;
        var copy = new Copy(row.CorrelationId, row.CurrentState, row.Version, row.Data, row.UpdatedAt);
        lock (_lock)
        {
            if (_index.TryGetValue(row.CorrelationId, out var node))
            {
                if (node.Value.Version > copy.Version)
                    return;
                node.Value = copy;
                _recency.Remove(node);
                _recency.AddFirst(node);
                return;
            }

            _index[row.CorrelationId] = _recency.AddFirst(copy);
            while (_index.Count > _capacity)
            {
                _index.Remove(_recency.Last!.Value.CorrelationId);
                _recency.RemoveLast();
            }
        }
    }

    public void Remove(Guid correlationId)
    {
        lock (_lock)
        {
            if (_index.Remove(correlationId, out var node))
                _recency.Remove(node);
        }
    }
}
