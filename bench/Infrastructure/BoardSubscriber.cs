using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// One wall screen on the .NET SignalR client (<see cref="HubConnection"/>, the token as the browser sends it, in
/// <c>access_token</c>): it calls <c>Subscribe(storeId, 0)</c> and then checks every <c>BoardEvent</c>: its sequence must
/// be the previous one + 1 (else a gap or a duplicate is counted), and its decision-to-receipt latency (the instant the
/// client hands the message over − the event's <c>at</c>, the store grain's clock when it decided the change, before its
/// write; same machine, same clock) is kept. Heartbeats are not counted.
/// </summary>
public sealed class BoardSubscriber : IAsyncDisposable
{
    private readonly List<double> _latencies = [];
    private readonly HubConnection _connection;
    private long _lastSequence = -1;

    private BoardSubscriber(Uri gateway, string token, string storeId)
    {
        StoreId = storeId;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, "hubs/board"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connection.On<JsonElement>("BoardSnapshot", snapshot =>
        {
            Snapshots++;
            Interlocked.Exchange(ref _lastSequence, snapshot.GetProperty("sequence").GetInt64());
        });
        _connection.On<JsonElement>("BoardEvent", e => OnEvent(e.GetProperty("sequence").GetInt64(), e.GetProperty("at").GetDateTimeOffset(), DateTimeOffset.UtcNow));
        _connection.Closed += error =>
        {
            Error ??= error?.Message ?? "closed by the server";
            return Task.CompletedTask;
        };
    }

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
        var subscriber = new BoardSubscriber(gateway, token, storeId);
        try
        {
            await subscriber._connection.StartAsync(cancellationToken);
            await subscriber._connection.InvokeAsync("Subscribe", storeId, 0L, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            subscriber.Error = "Subscribe failed: " + e.Message;
            await subscriber.DisposeAsync();
            throw new InvalidOperationException($"Subscribing to the board of {storeId} failed: {e.Message}", e);
        }

        return subscriber;
    }

    /// <summary>Commit-to-receipt latencies in milliseconds of the measured events.</summary>
    public IReadOnlyList<double> Latencies() => _latencies;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

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
