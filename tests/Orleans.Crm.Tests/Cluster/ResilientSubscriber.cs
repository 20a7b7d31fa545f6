using System.Text.Json;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Cluster;

/// <summary>
/// A wall screen: subscribes to one store's board on one gateway and, whenever the connection drops (gateway
/// restart), reconnects and resumes from the last sequence it saw. Records every sequence it received.
/// </summary>
public sealed class ResilientSubscriber(Func<Uri> gateway, Func<string> token, string storeId)
{
    private readonly List<long> _events = [];
    private readonly List<long> _snapshots = [];
    private long _last;

    public string StoreId { get; } = storeId;

    public int Reconnects { get; private set; }

    public long Last => Interlocked.Read(ref _last);

    /// <summary>Sequences of the BoardEvents received, in order of arrival.</summary>
    public IReadOnlyList<long> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Sequences of the snapshots received (each one covers everything up to it).</summary>
    public IReadOnlyList<long> Snapshots
    {
        get
        {
            lock (_events)
            {
                return [.. _snapshots];
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var client = await HubTestClient.ConnectAsync(gateway(), token());
                if (!first)
                {
                    Reconnects++;
                }

                first = false;
                await client.InvokeAsync("Subscribe", StoreId, Last);
                while (!stop.IsCancellationRequested)
                {
                    var message = await client.TryNextAsync(TimeSpan.FromMilliseconds(500));
                    if (message is null)
                    {
                        continue;
                    }

                    Record(message.Target, message.Argument);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // The gateway went away: wait a moment and resume from the last sequence seen.
                await Task.Delay(300, CancellationToken.None);
            }
        }
    }

    private void Record(string target, JsonElement argument)
    {
        var sequence = argument.GetProperty("sequence").GetInt64();
        lock (_events)
        {
            if (target == "BoardSnapshot")
            {
                _snapshots.Add(sequence);
            }
            else if (target == "BoardEvent")
            {
                _events.Add(sequence);
            }
            else
            {
                return;
            }

            Interlocked.Exchange(ref _last, Math.Max(_last, sequence));
        }
    }
}
