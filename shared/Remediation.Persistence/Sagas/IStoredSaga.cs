using MassTransit;

namespace Remediation.Persistence.Sagas;

/// <summary>
/// A saga the document repository can store: its state as a name (never a number, so reordering states cannot corrupt
/// stored rows) and a version for optimistic concurrency.
/// </summary>
public interface IStoredSaga : ISagaVersion
{
    string CurrentState { get; }
}
