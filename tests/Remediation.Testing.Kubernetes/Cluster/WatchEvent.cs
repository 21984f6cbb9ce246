using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>One change of one object, as a watch streams it (<c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>).</summary>
public sealed record WatchEvent(long ResourceVersion, string Resource, string Namespace, string Type, JsonObject Object);
