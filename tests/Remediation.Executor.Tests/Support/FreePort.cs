using System.Net;
using System.Net.Sockets;

namespace Remediation.Executor.Tests.Support;

/// <summary>A loopback TCP port free right now (for programs that need their ports in a config file).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
