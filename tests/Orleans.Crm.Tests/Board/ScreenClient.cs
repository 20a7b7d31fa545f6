using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// A wall screen (or a console) on the real .NET SignalR client, behaving as the pages' live-hub.js does: it reconnects
/// for ever, and after every reconnect subscribes again from the last sequence it applied. It records every message,
/// and every gap, duplicate or over-claiming heartbeat it sees (it never papers over one by asking again).
/// The gateway it dials is looked up on every (re)connect, so a test can move it to another gateway, as a load
/// balancer would after the first one went away.
/// </summary>
public sealed class ScreenClient : IAsyncDisposable
{
    /// <summary>How long a test waits for a condition on the stream before failing.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly HubConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<HubMessage> _messages = [];
    private readonly List<string> _violations = [];
    private readonly CancellationTokenSource _closing = new();
    private string? _storeId;
    private bool _pool;
    private long _sequence;
    private long _poolSequence;

    private ScreenClient(Func<WebApplicationFactory<Program>> gateway, string? token)
        : this((uri, cancellationToken) => gateway().Server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken), token)
    {
    }

    private ScreenClient(Func<Uri> gateway, string? token)
        : this(
            async (uri, cancellationToken) =>
            {
                var socket = new System.Net.WebSockets.ClientWebSocket();
                var target = new UriBuilder(new Uri(gateway(), uri.PathAndQuery)) { Scheme = "ws" }.Uri;
                await socket.ConnectAsync(target, cancellationToken);
                return socket;
            },
            token)
    {
    }

    private ScreenClient(Func<Uri, CancellationToken, Task<System.Net.WebSockets.WebSocket>> connect, string? token)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost" + BoardMessages.HubPath), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                // As a browser sends it: in the query string (a WebSocket upgrade carries no Authorization header there).
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var uri = new UriBuilder(context.Uri) { Query = token is null ? string.Empty : "access_token=" + Uri.EscapeDataString(token) }.Uri;
                    return await connect(uri, cancellationToken);
                };
            })
            .WithAutomaticReconnect(new RetryForever())
            .Build();

        foreach (var target in new[] { BoardMessages.BoardSnapshot, BoardMessages.BoardEvent, BoardMessages.BoardHeartbeat, BoardMessages.PoolSnapshot, BoardMessages.PoolEvent, BoardMessages.PoolHeartbeat })
        {
            _connection.On<JsonElement>(target, argument => Record(new HubMessage(target, argument.Clone())));
        }

        // Not awaited by the client: the resubscription's own invocations need the connection's receive loop running.
        _connection.Reconnected += connectionId =>
        {
            _ = Task.Run(ResubscribeAsync);
            return Task.CompletedTask;
        };
    }

    /// <summary>How many times the connection came back after losing its gateway.</summary>
    public int Reconnects { get; private set; }

    /// <summary>The last board sequence applied (from a snapshot or an event).</summary>
    public long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The last pool sequence applied.</summary>
    public long PoolSequence
    {
        get
        {
            lock (_lock)
            {
                return _poolSequence;
            }
        }
    }

    /// <summary>Everything heard so far, in arrival order.</summary>
    public IReadOnlyList<HubMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connects to the gateway (the function is asked again on every reconnect).</summary>
    public static Task<ScreenClient> ConnectAsync(Func<WebApplicationFactory<Program>> gateway, string? token) => StartAsync(new ScreenClient(gateway, token));

    /// <summary>Connects to a gateway process (the function is asked again on every reconnect).</summary>
    public static Task<ScreenClient> ConnectAsync(Func<Uri> gateway, string? token) => StartAsync(new ScreenClient(gateway, token));

    /// <summary>Connects to one gateway for good.</summary>
    public static Task<ScreenClient> ConnectAsync(WebApplicationFactory<Program> gateway, string? token) => ConnectAsync(() => gateway, token);

    /// <summary>Connects and subscribes to a store's board from <paramref name="afterSequence"/>.</summary>
    public static async Task<ScreenClient> SubscribeAsync(WebApplicationFactory<Program> gateway, string? token, string storeId, long afterSequence = 0)
    {
        var client = await ConnectAsync(gateway, token);
        await client.SubscribeAsync(storeId, afterSequence);
        return client;
    }

    /// <summary>The hub's <c>Subscribe</c>; the screen then follows that store (and resumes it after reconnects).</summary>
    public async Task SubscribeAsync(string storeId, long afterSequence = 0)
    {
        lock (_lock)
        {
            _storeId = storeId;
            _sequence = afterSequence;
        }

        await _connection.InvokeAsync("Subscribe", storeId, afterSequence);
    }

    /// <summary>The hub's <c>SubscribePool</c>.</summary>
    public async Task SubscribePoolAsync(long afterSequence = 0)
    {
        lock (_lock)
        {
            _pool = true;
            _poolSequence = afterSequence;
        }

        await _connection.InvokeAsync("SubscribePool", afterSequence);
    }

    /// <summary>Any hub method, for the tests of access rules.</summary>
    public Task InvokeAsync(string method, params object?[] arguments) => _connection.InvokeCoreAsync(method, arguments);

    /// <summary>Messages of one kind heard so far.</summary>
    public List<HubMessage> Of(string target) => [.. Messages.Where(m => m.Target == target)];

    /// <summary>The board events heard so far.</summary>
    public List<HubMessage> Events => Of(BoardMessages.BoardEvent);

    /// <summary>Waits until the screen has applied the board up to <paramref name="sequence"/>.</summary>
    public Task WaitForSequenceAsync(long sequence, TimeSpan? deadline = null) =>
        UntilAsync(() => Sequence >= sequence, $"board sequence {sequence}", deadline);

    /// <summary>Waits until the screen has applied the pool up to <paramref name="sequence"/>.</summary>
    public Task WaitForPoolSequenceAsync(long sequence, TimeSpan? deadline = null) =>
        UntilAsync(() => PoolSequence >= sequence, $"pool sequence {sequence}", deadline);

    /// <summary>Waits for the first message (in arrival order, from <paramref name="from"/> on) that matches.</summary>
    public async Task<HubMessage> WaitForAsync(Func<HubMessage, bool> match, string what, int from = 0, TimeSpan? deadline = null)
    {
        HubMessage? found = null;
        await UntilAsync(() => (found = Messages.Skip(from).FirstOrDefault(match)) is not null, what, deadline);
        return found!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with what the screen heard after the deadline.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = deadline ?? Deadline;
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit.TotalSeconds:0.#} s: {what}. {Describe()}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Fails if the screen ever saw a gap, a duplicate or a heartbeat claiming more than it had.</summary>
    public void AssertNoViolations()
    {
        lock (_lock)
        {
            Assert.True(_violations.Count == 0, $"The stream broke its promise: {string.Join("; ", _violations)}. {Describe()}");
        }
    }

    /// <summary>The sequences of the board events heard after the last snapshot (or all of them, without one).</summary>
    public List<long> EventSequencesSinceSnapshot()
    {
        var messages = Messages.ToList();
        var lastSnapshot = messages.FindLastIndex(m => m.Target == BoardMessages.BoardSnapshot);
        return [.. messages.Skip(lastSnapshot + 1).Where(m => m.Target == BoardMessages.BoardEvent).Select(m => m.Sequence)];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _connection.DisposeAsync();
        _closing.Dispose();
    }

    private static async Task<ScreenClient> StartAsync(ScreenClient client)
    {
        try
        {
            await client._connection.StartAsync();
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        return client;
    }

    private void Record(HubMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            var sequence = message.Sequence;
            switch (message.Target)
            {
                case BoardMessages.BoardSnapshot:
                    _sequence = sequence;
                    break;
                case BoardMessages.BoardEvent:
                    Check("board", ref _sequence, sequence);
                    break;
                case BoardMessages.BoardHeartbeat when sequence > _sequence:
                    _violations.Add($"board heartbeat at {sequence} while the screen had {_sequence}");
                    break;
                case BoardMessages.PoolSnapshot:
                    _poolSequence = sequence;
                    break;
                case BoardMessages.PoolEvent:
                    Check("pool", ref _poolSequence, sequence);
                    break;
                case BoardMessages.PoolHeartbeat when sequence > _poolSequence:
                    _violations.Add($"pool heartbeat at {sequence} while the screen had {_poolSequence}");
                    break;
                default:
                    break;
            }
        }
    }

    private void Check(string stream, ref long applied, long sequence)
    {
        if (sequence <= applied)
        {
            _violations.Add($"{stream} event {sequence} repeated (had {applied})");
            return;
        }

        if (sequence != applied + 1)
        {
            _violations.Add($"{stream} gap: {sequence} after {applied}");
        }

        applied = sequence;
    }

    // As live-hub.js: resume each subscription from what was applied, retrying until it works (or the test ends).
    private async Task ResubscribeAsync()
    {
        lock (_lock)
        {
            Reconnects++;
        }

        while (!_closing.IsCancellationRequested && _connection.State == HubConnectionState.Connected)
        {
            try
            {
                string? storeId;
                bool pool;
                long sequence, poolSequence;
                lock (_lock)
                {
                    (storeId, pool, sequence, poolSequence) = (_storeId, _pool, _sequence, _poolSequence);
                }

                if (storeId is not null)
                {
                    await _connection.InvokeAsync("Subscribe", storeId, sequence, _closing.Token);
                }

                if (pool)
                {
                    await _connection.InvokeAsync("SubscribePool", poolSequence, _closing.Token);
                }

                return;
            }
            catch (Exception)
            {
                if (_closing.IsCancellationRequested)
                {
                    return;
                }

                // The gateway may still be joining the cluster: try again shortly.
                await Task.Delay(500);
            }
        }
    }

    private string Describe()
    {
        var messages = Messages;
        var recent = string.Join(", ", messages.TakeLast(12).Select(m => $"{m.Target}#{m.Sequence}"));
        return $"Screen: state {_connection.State}, board at {Sequence}, pool at {PoolSequence}, {messages.Count} messages, {Reconnects} reconnects; last: {recent}.";
    }

    private sealed class RetryForever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, Math.Min(retryContext.PreviousRetryCount, 4)), 2000));
    }
}
