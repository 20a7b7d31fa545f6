using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// A minimal SignalR JSON hub-protocol client over a WebSocket (the .NET SignalR client package does not restore here):
/// handshake <c>{"protocol":"json","version":1}</c> + 0x1E, invocations (type 1) with completions (type 3), pings (type 6) skipped.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly WebSocket _socket;
    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receive = Task.CompletedTask;
    private int _nextId;

    private HubTestClient(WebSocket socket) => _socket = socket;

    /// <summary>Why the server closed the connection (a type-7 message), if it did.</summary>
    public string? CloseError { get; private set; }

    /// <summary>Connects through the in-memory test server.</summary>
    public static async Task<HubTestClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> factory, string? token)
        where TEntry : class
    {
        var client = factory.Server.CreateWebSocketClient();
        var socket = await client.ConnectAsync(HubUri(new Uri("ws://localhost/"), token), CancellationToken.None);
        return await StartAsync(socket);
    }

    /// <summary>Connects to a gateway listening on a real socket.</summary>
    public static async Task<HubTestClient> ConnectAsync(Uri httpBaseAddress, string? token)
    {
        var socket = new ClientWebSocket();
        var builder = new UriBuilder(httpBaseAddress) { Scheme = httpBaseAddress.Scheme == "https" ? "wss" : "ws" };
        await socket.ConnectAsync(HubUri(builder.Uri, token), CancellationToken.None);
        return await StartAsync(socket);
    }

    /// <summary>Calls a hub method and waits for its completion; throws <see cref="HubInvocationException"/> on a hub error.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(new { type = 1, invocationId = id, target, arguments });
        return await completion.Task.WaitAsync(DefaultTimeout);
    }

    /// <summary>The next message the server sent (an invocation of a client method).</summary>
    public async Task<HubMessage> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No hub message within {timeout ?? DefaultTimeout}." + (CloseError is null ? "" : $" Closed: {CloseError}"));
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection closed. {CloseError}");
        }
    }

    /// <summary>True if a message arrives within <paramref name="wait"/> (it is consumed).</summary>
    public async Task<HubMessage?> TryNextAsync(TimeSpan wait)
    {
        try
        {
            return await NextAsync(wait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Reads <c>BoardEvent</c>s (failing on anything else) until one with <paramref name="sequence"/> arrives.</summary>
    public async Task<List<JsonElement>> ReadEventsThroughAsync(long sequence, TimeSpan? timeout = null)
    {
        var events = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (events.Count == 0 || events[^1].GetProperty("sequence").GetInt64() < sequence)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Events up to {sequence} did not arrive; got {string.Join(",", events.Select(e => e.GetProperty("sequence").GetInt64()))}.");
            }

            var message = await NextAsync(left);
            Assert.Equal("BoardEvent", message.Target);
            events.Add(message.Argument);
        }

        return events;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
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

    private static Uri HubUri(Uri baseAddress, string? token) =>
        new(baseAddress, "/hubs/board" + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token)));

    private static async Task<HubTestClient> StartAsync(WebSocket socket)
    {
        var client = new HubTestClient(socket);
        client._receive = Task.Run(client.ReceiveLoopAsync);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        await client._handshake.Task.WaitAsync(DefaultTimeout);
        return client;
    }

    private Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message) + RecordSeparator);

    private async Task SendRawAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        var handshakeDone = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = pending.ToString();
                var end = text.LastIndexOf(RecordSeparator);
                if (end < 0)
                {
                    continue;
                }

                pending.Clear().Append(text[(end + 1)..]);
                foreach (var record in text[..end].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var document = JsonDocument.Parse(record);
                    var root = document.RootElement.Clone();
                    if (!handshakeDone)
                    {
                        handshakeDone = true;
                        if (root.TryGetProperty("error", out var handshakeError))
                        {
                            _handshake.TrySetException(new HubInvocationException(handshakeError.GetString() ?? "handshake refused"));
                        }
                        else
                        {
                            _handshake.TrySetResult();
                        }

                        continue;
                    }

                    Dispatch(root);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            CloseError ??= e.Message;
        }
        finally
        {
            _handshake.TrySetException(new HubInvocationException("closed before the handshake: " + CloseError));
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new HubInvocationException("connection closed: " + CloseError));
            }

            _messages.Writer.TryComplete();
        }
    }

    private void Dispatch(JsonElement root)
    {
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var arguments = root.GetProperty("arguments");
                _messages.Writer.TryWrite(new HubMessage(root.GetProperty("target").GetString()!, arguments.GetArrayLength() > 0 ? arguments[0] : default));
                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new HubInvocationException(error.GetString() ?? "error"));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var value) ? value : default);
                    }
                }

                break;
            case 7:
                CloseError = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : "closed by the server";
                _messages.Writer.TryComplete();
                break;
            default:
                // 6 = ping; nothing else is expected from this hub.
                break;
        }
    }
}
