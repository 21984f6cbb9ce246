using System.Net;
using System.Net.Sockets;

namespace Remediation.Testing;

/// <summary>Loopback TCP ports nobody listens on, for the servers the tests start.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768+), so an outgoing connection of another process cannot take the port between
    // the check and the server binding it; random, so concurrent test processes rarely pick the same one.
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly HashSet<int> Handed = [];
    private static readonly Lock Gate = new();

    /// <summary>A port that was free on 127.0.0.1 a moment ago and that this process has not handed out before.</summary>
    public static int Next() => NextRange(1);

    /// <summary>
    /// The first of <paramref name="count"/> consecutive ports that were all free a moment ago, none handed out before;
    /// all of them count as handed out from now on, so no other test of this process gets one.
    /// </summary>
    public static int NextRange(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(First, Last - count);
            var range = Enumerable.Range(first, count).ToList();
            lock (Gate)
            {
                if (range.Exists(Handed.Contains))
                    continue;
            }

            if (!range.TrueForAll(IsFree))
                continue;

            lock (Gate)
            {
                if (range.Exists(Handed.Contains))
                    continue;
                Handed.UnionWith(range);
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports found between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.ExclusiveAddressUse = true;
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
