using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// A raw test client of the board hub over <see cref="HubSocket"/>, for tests whose subject is the wire format itself
/// (the others use the real SignalR client, <see cref="ScreenClient"/>): invocations (type 1) with their completions
/// (type 3), server messages queued for the test to read, pings (type 6) skipped.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private HubSocket? _hub;
    private int _nextId;

    /// <summary>Why the server closed the connection (a type-7 message, or the socket), if it did.</summary>
    public string? CloseError => _hub?.CloseReason;

    /// <summary>Connects through the in-memory test server.</summary>
    public static async Task<HubTestClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> factory, string? token)
        where TEntry : class
    {
        var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(HubSocket.HubUri(new Uri("ws://localhost/"), token), CancellationToken.None);
        return await OpenAsync(socket);
    }

    /// <summary>Connects to a gateway listening on a real socket.</summary>
    public static async Task<HubTestClient> ConnectAsync(Uri httpBaseAddress, string? token)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(HubSocket.HubUri(httpBaseAddress, token), CancellationToken.None);
        return await OpenAsync(socket);
    }

    /// <summary>Calls a hub method and waits for its completion; throws <see cref="HubInvocationException"/> on a hub error.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await _hub!.SendAsync(new { type = 1, invocationId = id, target, arguments });
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

    /// <summary>The next message if one arrives within <paramref name="wait"/> (it is consumed), else null.</summary>
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

    /// <summary>Reads <c>BoardEvent</c>s (skipping heartbeats, failing on anything else) until one with <paramref name="sequence"/> arrives.</summary>
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
            if (message.Target == "BoardHeartbeat")
            {
                continue;
            }

            Assert.Equal("BoardEvent", message.Target);
            events.Add(message.Argument);
        }

        return events;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    private static async Task<HubTestClient> OpenAsync(WebSocket socket)
    {
        var client = new HubTestClient();
        try
        {
            client._hub = await HubSocket.OpenAsync(socket, (root, _) => client.Dispatch(root));
        }
        catch (InvalidOperationException e)
        {
            throw new HubInvocationException(e.Message);
        }

        _ = client._hub.Closed.ContinueWith(_ => client.OnClosed(), TaskScheduler.Default);
        return client;
    }

    private void OnClosed()
    {
        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(new HubInvocationException("connection closed: " + CloseError));
        }

        _messages.Writer.TryComplete();
    }

    private void Dispatch(JsonElement root)
    {
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var arguments = root.GetProperty("arguments");
                _messages.Writer.TryWrite(new HubMessage(root.GetProperty("target").GetString()!, arguments.GetArrayLength() > 0 ? arguments[0].Clone() : default));
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
                        completion.TrySetResult(root.TryGetProperty("result", out var value) ? value.Clone() : default);
                    }
                }

                break;
            case 7:
                _messages.Writer.TryComplete();
                break;
            default:
                // 6 = ping; nothing else is expected from this hub.
                break;
        }
    }
}
