using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// One wall screen: a minimal SignalR JSON hub-protocol client over <see cref="ClientWebSocket"/> (the .NET SignalR
/// client does not restore here) that calls <c>Subscribe(storeId, 0)</c> and then checks every <c>BoardEvent</c>:
/// its sequence must be the previous one + 1 (else a gap or a duplicate is counted), and its commit-to-receipt
/// latency (receipt clock − the event's <c>at</c>, the outbox row's commit timestamp; same machine, same clock) is
/// kept. Pings (type 6) are skipped.
/// </summary>
public sealed class BoardSubscriber : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _latencies = [];
    private Task _receive = Task.CompletedTask;
    private bool _handshakeDone;
    private long _lastSequence = -1;

    private BoardSubscriber(string storeId) => StoreId = storeId;

    /// <summary>The store whose board this screen shows.</summary>
    public string StoreId { get; }

    /// <summary>The last sequence seen (snapshot or event).</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Events that arrived with a sequence beyond the next expected one.</summary>
    public int Gaps { get; private set; }

    /// <summary>Events that arrived with a sequence already seen.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Board events received.</summary>
    public int Events { get; private set; }

    /// <summary>Snapshots received.</summary>
    public int Snapshots { get; private set; }

    /// <summary>Why the connection ended early, if it did.</summary>
    public string? Error { get; private set; }

    /// <summary>When set, latencies of events committed before this instant are not kept (warm-up, catch-up).</summary>
    public DateTimeOffset MeasureFrom { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>Connects, completes the handshake and subscribes; returns once the snapshot has arrived.</summary>
    public static async Task<BoardSubscriber> ConnectAsync(Uri gateway, string token, string storeId, CancellationToken cancellationToken)
    {
        var subscriber = new BoardSubscriber(storeId);
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/hubs/board", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await subscriber._socket.ConnectAsync(uri, cancellationToken);
        subscriber._receive = Task.Run(subscriber.ReceiveLoopAsync, CancellationToken.None);
        await subscriber._socket.SendAsync(Handshake, WebSocketMessageType.Text, true, cancellationToken);
        var invoke = JsonSerializer.SerializeToUtf8Bytes(new { type = 1, invocationId = "1", target = "Subscribe", arguments = new object[] { storeId, 0L } });
        byte[] framed = [.. invoke, RecordSeparator];
        await subscriber._socket.SendAsync(framed, WebSocketMessageType.Text, true, cancellationToken);
        await subscriber._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return subscriber;
    }

    /// <summary>The latencies kept so far (milliseconds); call after the connection is quiet.</summary>
    public IReadOnlyList<double> Latencies() => _latencies;

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
                    Error ??= "closed by the server";
                    break;
                }

                // One receipt instant for the whole frame: the records in it arrived together.
                var receivedAt = DateTimeOffset.UtcNow;
                pending.Write(buffer.AsSpan(0, result.Count));
                var data = pending.WrittenSpan;
                var start = 0;
                int end;
                while ((end = data[start..].IndexOf(RecordSeparator)) >= 0)
                {
                    Handle(data.Slice(start, end), receivedAt);
                    start += end + 1;
                }

                if (start > 0)
                {
                    var rest = data[start..].ToArray();
                    pending.ResetWrittenCount();
                    pending.Write(rest);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!_stop.IsCancellationRequested)
            {
                Error ??= e.Message;
            }
        }
        finally
        {
            _subscribed.TrySetException(new InvalidOperationException($"Connection to the board of {StoreId} ended: {Error}"));
        }
    }

    private void Handle(ReadOnlySpan<byte> record, DateTimeOffset receivedAt)
    {
        var reader = new Utf8JsonReader(record);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (!_handshakeDone)
        {
            _handshakeDone = true;
            if (root.TryGetProperty("error", out var refused))
            {
                Error = "handshake refused: " + refused.GetString();
                _subscribed.TrySetException(new InvalidOperationException(Error));
            }

            return;
        }

        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var target = root.GetProperty("target").GetString();
                var argument = root.GetProperty("arguments")[0];
                var sequence = argument.GetProperty("sequence").GetInt64();
                if (target == "BoardSnapshot")
                {
                    Snapshots++;
                    Interlocked.Exchange(ref _lastSequence, sequence);
                }
                else if (target == "BoardEvent")
                {
                    OnEvent(sequence, argument.GetProperty("at").GetDateTimeOffset(), receivedAt);
                }

                break;
            case 3:
                if (root.TryGetProperty("error", out var error))
                {
                    Error = "Subscribe failed: " + error.GetString();
                    _subscribed.TrySetException(new InvalidOperationException(Error));
                }
                else
                {
                    _subscribed.TrySetResult();
                }

                break;
            case 7:
                Error = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : "closed by the server";
                break;
            default:
                // 6 = ping.
                break;
        }
    }

    private void OnEvent(long sequence, DateTimeOffset at, DateTimeOffset receivedAt)
    {
        Events++;
        var last = Interlocked.Read(ref _lastSequence);
        if (sequence <= last)
        {
            Duplicates++;
            return;
        }

        if (last >= 0 && sequence != last + 1)
        {
            Gaps++;
        }

        Interlocked.Exchange(ref _lastSequence, sequence);
        if (at >= MeasureFrom)
        {
            _latencies.Add((receivedAt - at).TotalMilliseconds);
        }
    }
}
