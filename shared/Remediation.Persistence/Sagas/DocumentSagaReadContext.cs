using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>Reads saga instances outside a message (HTTP queries of saga state, tests).</summary>
internal sealed class DocumentSagaReadContext<TSaga>(DbContext db, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, IStoredSaga
{
    private static readonly string SagaType = SagaDocumentSerializer.TypeName<TSaga>();

    public async Task<TSaga> Load(Guid correlationId)
    {
        var row = await db.Set<SagaRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.SagaType == SagaType && r.CorrelationId == correlationId, CancellationToken);
        return row is null ? null! : SagaDocumentSerializer.Deserialize<TSaga>(row);
    }

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<SagaRow>().AsNoTracking().Where(r => r.SagaType == SagaType).ToListAsync(cancellationToken);
        var predicate = query.GetFilter();
        var instances = rows.Select(SagaDocumentSerializer.Deserialize<TSaga>).Where(predicate).ToList();
        return new LoadedSagaRepositoryQueryContext<TSaga>(this, instances);
    }
}
