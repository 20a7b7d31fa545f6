using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Orleans.Crm.Tests.Displays;

/// <summary>
/// A wall display's hub connection on the real SignalR client (no automatic reconnect, so a server-side close shows as
/// <see cref="Closed"/>), with the credential in the query as a browser sends it.
/// </summary>
public sealed class DisplayHub : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JsonElement> _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DisplayHub(Func<Uri, CancellationToken, Task<WebSocket>> connect, string credential)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost/hubs/board"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, cancellationToken) =>
                    await connect(new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(credential) }.Uri, cancellationToken);
            })
            .Build();
        _connection.On<JsonElement>("BoardSnapshot", s => _snapshot.TrySetResult(s.Clone()));
        _connection.Closed += e =>
        {
            _closed.TrySetResult(e);
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the server closes the connection.</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>The first board snapshot received.</summary>
    public Task<JsonElement> Snapshot => _snapshot.Task;

    /// <summary>Connects through an in-memory test server.</summary>
    public static async Task<DisplayHub> ConnectAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> gateway, string credential)
    {
        var hub = new DisplayHub((uri, cancellationToken) => gateway.Server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken), credential);
        await hub._connection.StartAsync();
        return hub;
    }

    /// <summary>Subscribes to a store's board (throws a HubException when refused).</summary>
    public Task SubscribeAsync(string storeId) => _connection.InvokeAsync("Subscribe", storeId, 0L);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
