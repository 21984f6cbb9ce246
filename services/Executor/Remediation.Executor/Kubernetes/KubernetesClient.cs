using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Polly;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Kubernetes;

/// <summary>
/// A typed client for the apps/v1 calls the drivers make. Reads are retried on 429, 5xx and network errors (honouring
/// Retry-After); writes are not: a write's caller decides again from what it reads (see the drivers), because a lost
/// answer to a write does not say whether the write happened. Failures surface as <see cref="KubernetesApiException"/>
/// with the API's own <c>Status</c> reason and message.
/// </summary>
public sealed class KubernetesClient(HttpClient http, ResiliencePipeline reads, KubernetesConnection connection)
{
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public KubernetesConnection Connection { get; } = connection;

    public Task<ServerVersion> GetVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync<ServerVersion>("version", cancellationToken);

    public Task<Deployment> GetDeploymentAsync(string ns, string name, CancellationToken cancellationToken) =>
        ReadAsync<Deployment>($"apis/apps/v1/namespaces/{Escape(ns)}/deployments/{Escape(name)}", cancellationToken);

    public Task<KubeList<Deployment>> ListDeploymentsAsync(string ns, string? labelSelector, CancellationToken cancellationToken) =>
        ReadAsync<KubeList<Deployment>>($"apis/apps/v1/namespaces/{Escape(ns)}/deployments{Query(labelSelector)}", cancellationToken);

    public Task<KubeList<ReplicaSet>> ListReplicaSetsAsync(string ns, string? labelSelector, CancellationToken cancellationToken) =>
        ReadAsync<KubeList<ReplicaSet>>($"apis/apps/v1/namespaces/{Escape(ns)}/replicasets{Query(labelSelector)}", cancellationToken);

    /// <summary>The Deployment's ReplicaSets: listed by its selector, kept when their controller owner reference is this Deployment.</summary>
    public async Task<IReadOnlyList<ReplicaSet>> ListOwnedReplicaSetsAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var list = await ListReplicaSetsAsync(deployment.Metadata.Namespace ?? "default", deployment.Spec.Selector.ToQuery(), cancellationToken);
        return [.. list.Items.Where(rs => rs.IsControlledBy(deployment))];
    }

    /// <summary>Patches a Deployment (merge or strategic merge patch). Not retried: see the class remarks.</summary>
    public async Task<Deployment> PatchDeploymentAsync(string ns, string name, JsonNode patch, string patchType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"apis/apps/v1/namespaces/{Escape(ns)}/deployments/{Escape(name)}")
        {
            Content = new StringContent(patch.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(patchType);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAnswerAsync<Deployment>(response, cancellationToken);
    }

    private async Task<T> ReadAsync<T>(string path, CancellationToken cancellationToken) =>
        await reads.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, token);
            return await ReadAnswerAsync<T>(response, token);
        }, cancellationToken);

    private static async Task<T> ReadAnswerAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                   ?? throw new KubernetesApiException(response.StatusCode, null, "The API answered with an empty body.");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        KubeStatus? status = null;
        try
        {
            status = JsonSerializer.Deserialize<KubeStatus>(text, Json);
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy's page, say): the text itself is the message.
        }

        var retryAfter = response.Headers.RetryAfter?.Delta
                         ?? (status?.Details?.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        var message = status is { Kind: "Status", Message: { Length: > 0 } m }
            ? m
            : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(text, 300)}";
        throw new KubernetesApiException(response.StatusCode, status?.Reason ?? response.StatusCode.ToString(), message, retryAfter);
    }

    private static string Query(string? labelSelector) =>
        string.IsNullOrEmpty(labelSelector) ? "" : "?labelSelector=" + WebUtility.UrlEncode(labelSelector);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..length]}…");
}
