using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Remediation.Executor.Kubernetes;

/// <summary>
/// Turns the options (a kubeconfig and a context, or the in-cluster service account) into a <see cref="KubernetesConnection"/>:
/// reads the credentials and certificates it names, and refuses what is unsafe or unsupported with a message that says why.
/// </summary>
public static class KubernetesConnectionResolver
{
    public static KubernetesConnection Resolve(KubernetesOptions options, string? context = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= Environment.GetEnvironmentVariable;
        if (options.InCluster)
            return InCluster(options, environment);

        var path = KubeconfigPath(options, environment);
        if (path is null || !File.Exists(path))
        {
            if (options.Kubeconfig is null && environment("KUBERNETES_SERVICE_HOST") is { Length: > 0 })
                return InCluster(options, environment);
            throw new KubeconfigException(path is null
                ? "No kubeconfig: set Remediation:Executor:Kubernetes:Kubeconfig (or KUBECONFIG), or InCluster=true."
                : $"The kubeconfig {path} does not exist.");
        }

        return FromKubeconfig(Kubeconfig.Load(path), context ?? options.Context, options);
    }

    public static KubernetesConnection FromKubeconfig(Kubeconfig config, string? contextName, KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var name = contextName ?? config.CurrentContext
                   ?? throw new KubeconfigException($"{config.Source}: no context given and no current-context set.");
        if (!config.Contexts.TryGetValue(name, out var context))
            throw new KubeconfigException($"{config.Source}: no context named '{name}' (contexts: {string.Join(", ", config.Contexts.Keys)}).");
        if (!config.Clusters.TryGetValue(context.Cluster, out var cluster))
            throw new KubeconfigException($"{config.Source}: context '{name}' names cluster '{context.Cluster}', which is not defined.");
        var user = config.Users.TryGetValue(context.User, out var found) ? found : new KubeconfigUser();

        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
            throw new KubeconfigException($"{config.Source}: cluster '{context.Cluster}' has server '{cluster.Server}', which is not an http(s) URL.");
        if (cluster.InsecureSkipTlsVerify && !options.AllowInsecure)
            throw new KubeconfigException(
                $"{config.Source}: cluster '{context.Cluster}' sets insecure-skip-tls-verify, which the executor refuses " +
                "(it would send credentials to whoever answers). Give the cluster's CA instead, or set Remediation:Executor:Kubernetes:AllowInsecure=true.");
        if (user.HasExec || user.HasAuthProvider)
            throw new KubeconfigException(
                $"{config.Source}: user '{context.User}' uses an {(user.HasExec ? "exec credential plugin" : "auth-provider")}, which the executor does not run. " +
                "Give it a token, a token file or a client certificate.");

        var authorities = new X509Certificate2Collection();
        if (cluster.CertificateAuthorityData is { Length: > 0 } caData)
            authorities.ImportFromPem(Decode(caData, $"{config.Source}: certificate-authority-data of cluster '{context.Cluster}'"));
        else if (cluster.CertificateAuthority is { Length: > 0 } caFile)
            authorities.ImportFromPem(ReadFile(caFile, "certificate-authority", config.Source));
        if ((cluster.CertificateAuthorityData ?? cluster.CertificateAuthority) is { Length: > 0 } && authorities.Count == 0)
            throw new KubeconfigException($"{config.Source}: the certificate authority of cluster '{context.Cluster}' holds no PEM certificate.");

        return new KubernetesConnection
        {
            Server = server,
            Namespace = context.Namespace,
            Description = $"kubeconfig {config.Source} context '{name}'",
            Token = user.Token,
            TokenFile = user.Token is null ? user.TokenFile : null,
            Username = user.Username,
            Password = user.Password,
            ClientCertificate = ClientCertificate(user, config.Source, context.User),
            Authorities = authorities,
            Insecure = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
        };
    }

    private static KubernetesConnection InCluster(KubernetesOptions options, Func<string, string?> environment)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubeconfigException("InCluster is set but KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not: is this a pod?");

        var tokenFile = Path.Combine(options.ServiceAccountPath, "token");
        if (!File.Exists(tokenFile))
            throw new KubeconfigException($"InCluster is set but the service account token {tokenFile} does not exist.");

        var authorities = new X509Certificate2Collection();
        var caFile = Path.Combine(options.ServiceAccountPath, "ca.crt");
        if (File.Exists(caFile))
            authorities.ImportFromPem(ReadFile(caFile, "ca.crt", "service account"));
        var namespaceFile = Path.Combine(options.ServiceAccountPath, "namespace");
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

        return new KubernetesConnection
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
            Description = $"in-cluster service account ({options.ServiceAccountPath})",
            TokenFile = tokenFile,
            Authorities = authorities,
        };
    }

    private static string? KubeconfigPath(KubernetesOptions options, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
            return options.Kubeconfig;
        if (environment("KUBECONFIG") is { Length: > 0 } list)
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var home = environment("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config");
    }

    private static X509Certificate2? ClientCertificate(KubeconfigUser user, string source, string userName)
    {
        var certificate = user.ClientCertificateData is { Length: > 0 } certData
            ? Decode(certData, $"{source}: client-certificate-data of user '{userName}'")
            : user.ClientCertificate is { Length: > 0 } certFile ? ReadFile(certFile, "client-certificate", source) : null;
        var key = user.ClientKeyData is { Length: > 0 } keyData
            ? Decode(keyData, $"{source}: client-key-data of user '{userName}'")
            : user.ClientKey is { Length: > 0 } keyFile ? ReadFile(keyFile, "client-key", source) : null;

        if (certificate is null && key is null)
            return null;
        if (certificate is null || key is null)
            throw new KubeconfigException($"{source}: user '{userName}' has a client {(certificate is null ? "key" : "certificate")} without its {(certificate is null ? "certificate" : "key")}.");

        try
        {
            using var pem = X509Certificate2.CreateFromPem(certificate, key);
            // A PKCS#12 round trip gives a certificate whose key the TLS stack can use on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new KubeconfigException($"{source}: the client certificate or key of user '{userName}' cannot be read: {ex.Message}", ex);
        }
    }

    private static string Decode(string base64, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException ex)
        {
            throw new KubeconfigException($"{what} is not base64.", ex);
        }
    }

    private static string ReadFile(string path, string what, string source)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{source}: cannot read the {what} file {path}: {ex.Message}", ex);
        }
    }
}
