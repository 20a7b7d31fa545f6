using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// Forces a full blocking garbage collection in another .NET process through its diagnostics IPC socket (the way
/// <c>dotnet-gcdump</c> does it): an EventPipe session that enables the runtime provider's GCHeapCollect keyword makes
/// the runtime collect, then the session is stopped. Used to measure a gateway's memory per connection without its
/// garbage — without it a collection that happens to run between two samples can make the difference negative.
/// </summary>
/// <remarks>
/// The protocol is the documented diagnostics IPC (<c>DOTNET_IPC_V1</c>): a 20-byte header (magic, size, command set,
/// command id, reserved), then the payload. EventPipe is command set 2: CollectTracing = 2, StopTracing = 1.
/// </remarks>
public static class RemoteGc
{
    private const long GcHeapCollectKeyword = 0x800000;
    private const uint InformationalLevel = 4;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0");

    /// <summary>Collects in <paramref name="processId"/>; false when its diagnostics socket cannot be found or spoken to.</summary>
    public static async Task<bool> CollectAsync(int processId)
    {
        var path = Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{processId}-*-socket").FirstOrDefault();
        if (path is null)
        {
            return false;
        }

        try
        {
            using var session = await ConnectAsync(path);
            await SendAsync(session, 2, 2, CollectTracingPayload());
            var sessionId = await ReadOkAsync(session);

            // The session streams trace data on this socket until it is stopped: drain it so the runtime never blocks.
            using var drained = new CancellationTokenSource();
            var drain = DrainAsync(session, drained.Token);

            // The collection runs when the provider is enabled; leave it time to finish before the session goes.
            await Task.Delay(TimeSpan.FromSeconds(1));
            using (var stop = await ConnectAsync(path))
            {
                var payload = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(payload, sessionId);
                await SendAsync(stop, 2, 1, payload);
                await ReadOkAsync(stop);
            }

            // Stopping flushes and ends the stream; give up waiting for its end after a few seconds.
            try
            {
                await drain.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                await drained.CancelAsync();
                await drain;
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<Socket> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // CollectTracing: circular buffer (MB), format (1 = nettrace), providers: [keywords, level, name, filter].
    private static byte[] CollectTracingPayload()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.Unicode);
        writer.Write(16u);
        writer.Write(1u);
        writer.Write(1u);
        writer.Write(GcHeapCollectKeyword);
        writer.Write(InformationalLevel);
        WriteString(writer, "Microsoft-Windows-DotNETRuntime");
        WriteString(writer, null);
        writer.Flush();
        return stream.ToArray();
    }

    // A string is its length in UTF-16 code units including the terminating NUL, then those code units; null is length 0.
    private static void WriteString(BinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.Write(0u);
            return;
        }

        writer.Write((uint)(value.Length + 1));
        writer.Write(Encoding.Unicode.GetBytes(value + "\0"));
    }

    private static async Task SendAsync(Socket socket, byte commandSet, byte commandId, byte[] payload)
    {
        var message = new byte[20 + payload.Length];
        Magic.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(14), (ushort)message.Length);
        message[16] = commandSet;
        message[17] = commandId;
        payload.CopyTo(message, 20);
        await socket.SendAsync(message, SocketFlags.None);
    }

    // The answer: a header whose command set is 0xFF (server) and id 0x00 (OK), then a uint64 (the session id).
    private static async Task<ulong> ReadOkAsync(Socket socket)
    {
        var header = await ReadExactlyAsync(socket, 20);
        if (header[16] != 0xFF || header[17] != 0x00)
        {
            throw new InvalidDataException($"The diagnostics server answered command {header[16]:X2}/{header[17]:X2}.");
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(await ReadExactlyAsync(socket, 8));
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                throw new IOException("The diagnostics server closed the connection.");
            }

            read += n;
        }

        return buffer;
    }

    private static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            do
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            while (read > 0);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // Stopped, or the runtime closed the stream: either way the session is over.
        }
    }
}
