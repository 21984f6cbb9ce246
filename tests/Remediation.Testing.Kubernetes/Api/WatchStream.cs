using System.Globalization;
using System.Text.Json.Nodes;
using Remediation.Testing.Kubernetes.Cluster;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>
/// A watch (<c>?watch=true</c>): one JSON event per line — synthetic ADDED events for what exists when no resourceVersion
/// (or 0, or <c>sendInitialEvents</c>) is given, then every change after it — until <c>timeoutSeconds</c> or the client leaves.
/// </summary>
internal sealed class WatchStream(ClusterState cluster, string resource, string? ns, IQueryCollection query, CancellationToken stopping)
{
    public async Task WriteAsync(HttpContext context)
    {
        var labels = LabelSelector.Parse(query["labelSelector"].ToString());
        var fields = FieldSelector.TryParse(query["fieldSelector"].ToString(), out _) ?? (_ => true);
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 1800;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        linked.CancelAfter(TimeSpan.FromSeconds(timeout));
        var token = linked.Token;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(token);
        // Headers go out at once, as the API server sends them: a client's watch call returns only when they arrive
        // (kubectl's rollout status waits for its watch to start before it exits, even when the list already said done).
        await context.Response.Body.FlushAsync(token);

        var requested = query["resourceVersion"].ToString();
        var sendInitial = query["sendInitialEvents"].ToString() == "true";
        long since;
        try
        {
            if (sendInitial || requested is "" or "0" || !long.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out since))
            {
                var (items, current) = cluster.List(resource, ns, labels, fields);
                foreach (var item in items)
                    await WriteEventAsync(context, "ADDED", item, token);
                if (sendInitial)
                {
                    var bookmark = new JsonObject
                    {
                        ["kind"] = resource == ClusterState.Deployments ? "Deployment" : "ReplicaSet",
                        ["apiVersion"] = "apps/v1",
                        ["metadata"] = new JsonObject
                        {
                            ["resourceVersion"] = current.ToString(CultureInfo.InvariantCulture),
                            ["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" },
                        },
                    };
                    await WriteEventAsync(context, "BOOKMARK", bookmark, token);
                }

                since = current;
            }

            while (!token.IsCancellationRequested)
            {
                var events = cluster.EventsAfter(since, out var latest, out var changed);
                foreach (var e in events.Where(e => e.Resource == resource && (ns is null || e.Namespace == ns) &&
                                                    labels.Matches(e.Object["metadata"]?["labels"]) && fields(e.Object)))
                    await WriteEventAsync(context, e.Type, (JsonObject)e.Object.DeepClone(), token);
                since = latest;
                await changed.WaitAsync(token);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch ends when its timeout passes or the client goes away, as a real one does.
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject item, CancellationToken token)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = item }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, token);
        await context.Response.Body.FlushAsync(token);
    }
}
