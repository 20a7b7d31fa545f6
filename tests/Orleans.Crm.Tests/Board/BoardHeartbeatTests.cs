using System.Text.Json;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// Heartbeats keep an idle wall display from showing its board as stale, vouch only for what the connection has been
/// sent, and the display page learns the stale threshold from the gateway; the board's options are checked at start.
/// </summary>
public sealed class BoardHeartbeatTests
{
    [Fact]
    public async Task HeartbeatsArriveWhileNothingHappensAndCarryTheSequenceTheScreenHas()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Board:HeartbeatInterval"] = "00:00:01" });
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await using var screen = await ScreenClient.SubscribeAsync(gateway, await api.TokenAsync("display", store), store);
        var snapshot = await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");

        await screen.UntilAsync(() => screen.Of(BoardMessages.BoardHeartbeat).Count >= 3, "three heartbeats");

        var beats = screen.Of(BoardMessages.BoardHeartbeat);
        Assert.Empty(screen.Events);
        Assert.All(beats, b =>
        {
            Assert.Equal(store, b.Argument.GetProperty("storeId").GetString());
            Assert.Equal(snapshot.Sequence, b.Sequence);
        });
        var times = beats.Select(b => b.Argument.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] > times[0], "heartbeats carry the time they were sent");

        // After an event, heartbeats vouch for it.
        await api.VisitAsync(store, manager);
        var last = await api.BoardSequenceAsync(store, manager);
        await screen.WaitForSequenceAsync(last);
        var from = screen.Messages.Count;
        await screen.WaitForAsync(m => m.Target == BoardMessages.BoardHeartbeat && m.Sequence == last, "a heartbeat at the new sequence", from);
        screen.AssertNoViolations();
    }

    [Fact]
    public async Task WithTheDefaultSettingsAnIdleScreenNeverGoesTenSecondsWithoutAMessage()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        await using var screen = await ScreenClient.SubscribeAsync(gateway, await api.TokenAsync("display", store), store);
        await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");

        await screen.UntilAsync(() => screen.Of(BoardMessages.BoardHeartbeat).Count >= 3, "three heartbeats");

        var times = screen.Messages.Select(m => m.ReceivedAt).ToList();
        var longest = times.Zip(times.Skip(1), (a, b) => b - a).Max();
        Assert.True(longest < TimeSpan.FromSeconds(10), $"{longest.TotalSeconds:0.0} s passed without a message: the display would show its board as stale");
        screen.AssertNoViolations();
    }

    [Fact]
    public async Task TheDisplayPageCarriesTheConfiguredStaleThresholdAndAStaleIndicator()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Board:StaleAfter"] = "00:00:30" });
        using var http = gateway.CreateClient();

        var html = await http.GetStringAsync("/display/some-store");

        Assert.Contains("data-stale-after-ms=\"30000\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale\"", html, StringComparison.Ordinal);
        Assert.Contains("数据停止更新", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ResubscribeInterval", "00:00:31")]
    [InlineData("PollInterval", "00:00:00")]
    [InlineData("HeartbeatInterval", "00:00:10")]
    [InlineData("PollInterval", "00:00:05")]
    [InlineData("MaxCatchUpEvents", "0")]
    public async Task AGatewayWithBoardOptionsOutOfRangeDoesNotStart(string option, string value)
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { [$"Board:{option}"] = value });

        var error = Record.Exception(() => gateway.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWireFormatIsCamelCaseJsonWithEnumsAsStrings()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Board:HeartbeatInterval"] = "00:00:01" });
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await using var client = await HubTestClient.ConnectAsync(gateway, manager);
        await client.InvokeAsync("Subscribe", store, 0);

        var snapshot = await client.NextAsync();
        Assert.Equal("BoardSnapshot", snapshot.Target);
        Assert.Equal(store, snapshot.Argument.GetProperty("storeId").GetString());
        Assert.Equal(JsonValueKind.String, snapshot.Argument.GetProperty("season").ValueKind);
        var designer = snapshot.Argument.GetProperty("groups")[0].GetProperty("designers")[0];
        Assert.Equal("senior", designer.GetProperty("level").GetString());

        await api.VisitAsync(store, manager);
        var e = (await client.ReadEventsThroughAsync(snapshot.Sequence + 1)).Single();
        Assert.Equal(["storeId", "sequence", "type", "at", "change"], e.EnumerateObject().Select(p => p.Name));
        Assert.Equal("visit-registered", e.GetProperty("type").GetString());
        Assert.Equal(e.GetProperty("type").GetString(), e.GetProperty("change").GetProperty("kind").GetString());
        Assert.Equal("normal", e.GetProperty("change").GetProperty("lead").GetProperty("status").GetString());

        HubMessage beat;
        do
        {
            beat = await client.NextAsync();
        }
        while (beat.Target != "BoardHeartbeat");

        Assert.Equal(["storeId", "sequence", "at"], beat.Argument.EnumerateObject().Select(p => p.Name));
        Assert.Equal(snapshot.Sequence + 1, beat.Sequence);
    }
}
