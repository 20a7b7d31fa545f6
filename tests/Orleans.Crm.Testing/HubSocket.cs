using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Orleans.Crm.Testing;

/// <summary>
/// The SignalR JSON hub protocol over a bare WebSocket: the handshake <c>{"protocol":"json","version":1}</c>, records
/// separated by 0x1E, closing. Only for the test whose subject is the wire format itself; everything else (tests and the
/// benchmark's screens) uses Microsoft.AspNetCore.SignalR.Client. Every record after the handshake goes to the handler
/// with the instant its frame arrived; the handler reads it there (or clones it).
/// </summary>
public sealed class HubSocket : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");

    private readonly WebSocket _socket;
    private readonly Action<JsonElement, DateTimeOffset> _onMessage;
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _receive = Task.CompletedTask;

    private HubSocket(WebSocket socket, Action<JsonElement, DateTimeOffset> onMessage)
    {
        _socket = socket;
        _onMessage = onMessage;
    }

    /// <summary>Why the connection ended (a close message, a socket error), once it did.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Completes when the connection has ended.</summary>
    public Task Closed => _receive;

    /// <summary>The hub URL of a gateway, with the token as SignalR clients send it.</summary>
    public static Uri HubUri(Uri baseAddress, string? token, string path = "/hubs/board")
    {
        var builder = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme is "https" or "wss" ? "wss" : "ws", Path = path };
        builder.Query = token is null ? "" : "access_token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }

    /// <summary>Performs the handshake on a connected socket and starts receiving.</summary>
    public static async Task<HubSocket> OpenAsync(WebSocket socket, Action<JsonElement, DateTimeOffset> onMessage, CancellationToken cancellationToken = default)
    {
        var hub = new HubSocket(socket, onMessage);
        hub._receive = Task.Run(hub.ReceiveLoopAsync, CancellationToken.None);
        await socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await hub._handshake.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return hub;
    }

    /// <summary>Sends one message (an invocation: <c>{ type = 1, invocationId, target, arguments }</c>).</summary>
    public async Task SendAsync(object message, CancellationToken cancellationToken = default)
    {
        byte[] framed = [.. JsonSerializer.SerializeToUtf8Bytes(message), RecordSeparator];
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(framed, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }

        await _stop.CancelAsync();
        try
        {
            await _receive.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Closing.
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var pending = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseReason ??= "closed by the server";
                    break;
                }

                // One receipt instant for the whole frame: the records in it arrived together.
                var receivedAt = DateTimeOffset.UtcNow;
                pending.Write(buffer.AsSpan(0, result.Count));
                var start = 0;
                int end;
                while ((end = pending.WrittenSpan[start..].IndexOf(RecordSeparator)) >= 0)
                {
                    Handle(pending.WrittenMemory.Slice(start, end), receivedAt);
                    start += end + 1;
                }

                if (start > 0)
                {
                    var rest = pending.WrittenSpan[start..].ToArray();
                    pending.ResetWrittenCount();
                    pending.Write(rest);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!_stop.IsCancellationRequested)
            {
                CloseReason ??= e.Message;
            }
        }
        finally
        {
            _handshake.TrySetException(new InvalidOperationException("The hub connection closed before the handshake: " + CloseReason));
        }
    }

    private void Handle(ReadOnlyMemory<byte> record, DateTimeOffset receivedAt)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        if (!_handshake.Task.IsCompleted)
        {
            if (root.TryGetProperty("error", out var refused))
            {
                CloseReason = "handshake refused: " + refused.GetString();
                _handshake.TrySetException(new InvalidOperationException(CloseReason));
            }
            else
            {
                _handshake.TrySetResult();
            }

            return;
        }

        if (root.GetProperty("type").GetInt32() == 7)
        {
            CloseReason = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : "closed by the server";
        }

        _onMessage(root, receivedAt);
    }
}
