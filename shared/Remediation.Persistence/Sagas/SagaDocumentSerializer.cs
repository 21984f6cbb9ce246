using System.Text.Json;

namespace Remediation.Persistence.Sagas;

/// <summary>How saga instances become documents and back.</summary>
internal static class SagaDocumentSerializer
{
    public static string Serialize<TSaga>(TSaga instance) => JsonSerializer.Serialize(instance, JsonColumns.Options);

    public static TSaga Deserialize<TSaga>(SagaRow row)
        where TSaga : class, IStoredSaga
    {
        var instance = JsonSerializer.Deserialize<TSaga>(row.Data, JsonColumns.Options)
                       ?? throw new InvalidOperationException($"Saga {row.SagaType} {row.CorrelationId} has an empty document.");
        instance.Version = row.Version;
        return instance;
    }

    public static string TypeName<TSaga>() => typeof(TSaga).Name;
}
