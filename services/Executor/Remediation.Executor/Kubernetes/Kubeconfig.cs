using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Remediation.Executor.Kubernetes;

/// <summary>
/// A kubeconfig file: clusters, users and contexts by name, and the current context. Relative file paths in it are
/// resolved against the file's directory, as kubectl does.
/// </summary>
public sealed record Kubeconfig
{
    public IReadOnlyDictionary<string, KubeconfigCluster> Clusters { get; init; } = new Dictionary<string, KubeconfigCluster>();

    public IReadOnlyDictionary<string, KubeconfigUser> Users { get; init; } = new Dictionary<string, KubeconfigUser>();

    public IReadOnlyDictionary<string, KubeconfigContext> Contexts { get; init; } = new Dictionary<string, KubeconfigContext>();

    public string? CurrentContext { get; init; }

    /// <summary>Where the file was read from (for messages), or <c>(inline)</c>.</summary>
    public string Source { get; init; } = "(inline)";

    public static Kubeconfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"Cannot read the kubeconfig {path}: {ex.Message}", ex);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    public static Kubeconfig Parse(string text, string source = "(inline)", string? baseDirectory = null)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new KubeconfigException($"{source}: not valid YAML at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new KubeconfigException($"{source}: expected a mapping with clusters, users and contexts.");

        string? Resolve(string? file) =>
            string.IsNullOrEmpty(file) || baseDirectory is null || Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file);

        var clusters = Named(root, "clusters", "cluster", source, c => new KubeconfigCluster
        {
            Server = Scalar(c, "server") ?? throw new KubeconfigException($"{source}: a cluster has no server."),
            CertificateAuthority = Resolve(Scalar(c, "certificate-authority")),
            CertificateAuthorityData = Scalar(c, "certificate-authority-data"),
            InsecureSkipTlsVerify = string.Equals(Scalar(c, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase),
            TlsServerName = Scalar(c, "tls-server-name"),
        });
        var users = Named(root, "users", "user", source, u => new KubeconfigUser
        {
            Token = Scalar(u, "token"),
            TokenFile = Resolve(Scalar(u, "tokenFile")),
            ClientCertificate = Resolve(Scalar(u, "client-certificate")),
            ClientCertificateData = Scalar(u, "client-certificate-data"),
            ClientKey = Resolve(Scalar(u, "client-key")),
            ClientKeyData = Scalar(u, "client-key-data"),
            Username = Scalar(u, "username"),
            Password = Scalar(u, "password"),
            HasExec = u.Children.ContainsKey(new YamlScalarNode("exec")),
            HasAuthProvider = u.Children.ContainsKey(new YamlScalarNode("auth-provider")),
        });
        var contexts = Named(root, "contexts", "context", source, c => new KubeconfigContext
        {
            Cluster = Scalar(c, "cluster") ?? "",
            User = Scalar(c, "user") ?? "",
            Namespace = Scalar(c, "namespace"),
        });

        return new Kubeconfig
        {
            Clusters = clusters,
            Users = users,
            Contexts = contexts,
            CurrentContext = Scalar(root, "current-context") is { Length: > 0 } current ? current : null,
            Source = source,
        };
    }

    private static Dictionary<string, T> Named<T>(YamlMappingNode root, string listKey, string itemKey, string source, Func<YamlMappingNode, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var node) || node is not YamlSequenceNode list)
            return result;

        foreach (var entry in list.Children.OfType<YamlMappingNode>())
        {
            var name = Scalar(entry, "name") ?? throw new KubeconfigException($"{source}: an entry of {listKey} (line {entry.Start.Line}) has no name.");
            var body = entry.Children.TryGetValue(new YamlScalarNode(itemKey), out var inner) && inner is YamlMappingNode mapping ? mapping : new YamlMappingNode();
            result[name] = read(body);
        }

        return result;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
