using System.Net.WebSockets;
using System.Text.Json;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// One wall screen: a minimal SignalR JSON hub-protocol client (<see cref="HubSocket"/> over a
/// <see cref="ClientWebSocket"/>) that calls <c>Subscribe(storeId, 0)</c> and then checks every <c>BoardEvent</c>: its
/// sequence must be the previous one + 1 (else a gap or a duplicate is counted), and its decision-to-receipt latency
/// (the receipt instant of the frame − the event's <c>at</c>, the store grain's clock when it decided the change, before
/// its write; same machine, same clock) is kept. Heartbeats and pings are skipped.
/// </summary>
/// <remarks>
/// Not the .NET SignalR client (which the tests use): 1,000 of these share the load generator's process and the 2
/// cores with the system under test, and a raw socket per screen costs far less than a full <c>HubConnection</c> (its
/// own pipes, timers and invocation dispatch); it also timestamps each frame as it arrives, before any dispatch. The
/// wire format is the same JSON hub protocol either way.
/// </remarks>
public sealed class BoardSubscriber : IAsyncDisposable
{
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<double> _latencies = [];
    private HubSocket? _hub;
    private long _lastSequence = -1;

    private BoardSubscriber(string storeId) => StoreId = storeId;

    /// <summary>The store whose board this subscriber follows.</summary>
    public string StoreId { get; }

    /// <summary>The last sequence received (a snapshot's or an event's).</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Events whose sequence skipped ahead of the last one.</summary>
    public int Gaps { get; private set; }

    /// <summary>Events at or below the last sequence.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Events received.</summary>
    public int Events { get; private set; }

    /// <summary>Snapshots received.</summary>
    public int Snapshots { get; private set; }

    /// <summary>Why the subscription failed or ended, if it did.</summary>
    public string? Error { get; private set; }

    /// <summary>Only events committed at or after this instant count towards latency.</summary>
    public DateTimeOffset MeasureFrom { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>Connects, subscribes from the start (a snapshot first) and waits for the subscription to complete.</summary>
    public static async Task<BoardSubscriber> ConnectAsync(Uri gateway, string token, string storeId, CancellationToken cancellationToken)
    {
        var subscriber = new BoardSubscriber(storeId);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(HubSocket.HubUri(gateway, token), cancellationToken);
        subscriber._hub = await HubSocket.OpenAsync(socket, subscriber.Handle, cancellationToken);
        _ = subscriber._hub.Closed.ContinueWith(
            _ => subscriber._subscribed.TrySetException(new InvalidOperationException($"Connection to the board of {storeId} ended: {subscriber._hub.CloseReason}")),
            TaskScheduler.Default);
        await subscriber._hub.SendAsync(new { type = 1, invocationId = "1", target = "Subscribe", arguments = new object[] { storeId, 0L } }, cancellationToken);
        await subscriber._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return subscriber;
    }

    /// <summary>Commit-to-receipt latencies in milliseconds of the measured events.</summary>
    public IReadOnlyList<double> Latencies() => _latencies;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            Error ??= _hub.CloseReason;
            await _hub.DisposeAsync();
        }
    }

    private void Handle(JsonElement root, DateTimeOffset receivedAt)
    {
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
