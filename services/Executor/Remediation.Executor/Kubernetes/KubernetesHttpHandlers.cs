using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Remediation.Executor.Kubernetes;

/// <summary>The HTTP stack for one connection: TLS with the connection's CA and client certificate, and its credentials.</summary>
internal static class KubernetesHttpHandlers
{
    public static HttpMessageHandler Create(KubernetesConnection connection, KubernetesOptions options, TimeProvider time)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (connection.ClientCertificate is { } certificate)
            ssl.ClientCertificates = [certificate];
        if (connection.TlsServerName is { Length: > 0 } serverName)
            ssl.TargetHost = serverName;
        if (connection.Insecure)
        {
            // Only reachable when AllowInsecure is set (the resolver refuses it otherwise).
#pragma warning disable CA5359
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (connection.Authorities.Count > 0)
        {
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(connection.Authorities);
        }

        var sockets = new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };

        return new CredentialHandler(connection, time) { InnerHandler = sockets };
    }

    /// <summary>Adds the bearer token (re-reading a token file when it changes) or basic credentials to every request.</summary>
    private sealed class CredentialHandler(KubernetesConnection connection, TimeProvider time) : DelegatingHandler
    {
        private static readonly TimeSpan TokenFileRecheck = TimeSpan.FromSeconds(30);
        private readonly Lock _gate = new();
        private string? _fileToken;
        private DateTimeOffset _fileReadAt = DateTimeOffset.MinValue;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Token() is { Length: > 0 } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            else if (connection.Username is { Length: > 0 } user)
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{connection.Password}")));
            return base.SendAsync(request, cancellationToken);
        }

        private string? Token()
        {
            if (connection.Token is not null || connection.TokenFile is null)
                return connection.Token;

            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (_fileToken is null || now - _fileReadAt > TokenFileRecheck)
                {
                    _fileToken = File.ReadAllText(connection.TokenFile).Trim();
                    _fileReadAt = now;
                }

                return _fileToken;
            }
        }
    }
}
