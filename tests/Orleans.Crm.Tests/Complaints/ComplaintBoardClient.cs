using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Tests.Board;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>
/// The service page's live complaints board on the real .NET SignalR client (<c>/hubs/service</c>): records every
/// message in order and every gap or duplicate of a store's sequence it sees.
/// </summary>
public sealed class ComplaintBoardClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private readonly Lock _lock = new();

    private ComplaintBoardClient(WebApplicationFactory<Program> gateway, string token)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost" + ServiceMessages.HubPath), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var uri = new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
                    return await gateway.Server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                };
            })
            .Build();
        foreach (var target in new[] { ServiceMessages.ComplaintSnapshot, ServiceMessages.ComplaintEvent, ServiceMessages.ComplaintHeartbeat })
        {
            _connection.On<JsonElement>(target, argument => Record(new HubMessage(target, argument.Clone())));
        }
    }

    /// <summary>Gaps and duplicates seen (a store's event that was not exactly the next one).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    public static async Task<ComplaintBoardClient> ConnectAsync(WebApplicationFactory<Program> gateway, string token)
    {
        var client = new ComplaintBoardClient(gateway, token);
        await client._connection.StartAsync();
        return client;
    }

    /// <summary>The hub's <c>SubscribeComplaints</c>: the stores now followed.</summary>
    public async Task<string[]> SubscribeAsync(string? storeId, long afterSequence)
    {
        if (storeId is not null)
        {
            lock (_lock)
            {
                _sequences[storeId] = afterSequence;
            }
        }

        return await _connection.InvokeAsync<string[]>("SubscribeComplaints", storeId, afterSequence);
    }

    /// <summary>The next snapshot or event (heartbeats skipped).</summary>
    public async Task<HubMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(timeout.Token);
            if (message.Target != ServiceMessages.ComplaintHeartbeat)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private void Record(HubMessage message)
    {
        lock (_lock)
        {
            var store = message.Argument.GetProperty("storeId").GetString()!;
            var sequence = message.Argument.GetProperty("sequence").GetInt64();
            if (message.Target == ServiceMessages.ComplaintSnapshot)
            {
                _sequences[store] = sequence;
            }
            else if (message.Target == ServiceMessages.ComplaintEvent)
            {
                var last = _sequences.GetValueOrDefault(store);
                if (sequence != last + 1)
                {
                    _violations.Add($"{store}: event {sequence} after {last}");
                }

                _sequences[store] = sequence;
            }
        }

        _messages.Writer.TryWrite(message);
    }
}
