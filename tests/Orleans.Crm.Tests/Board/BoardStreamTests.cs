using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Board;

/// <summary>
/// The live board through the real SignalR client: a snapshot then every event in order, resume by sequence (also
/// across a gateway restart), snapshots for screens too far behind, masking, access and the pool.
/// </summary>
public sealed class BoardStreamTests
{
    [Fact]
    public async Task ASubscriberGetsTheSnapshotThenEveryEventInOrder()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");

        await using var screen = await ScreenClient.SubscribeAsync(gateway, manager, store);
        var snapshot = await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");
        Assert.Equal(BoardMessages.BoardSnapshot, screen.Messages[0].Target);
        Assert.Equal(store, snapshot.Argument.GetProperty("storeId").GetString());

        var leads = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            leads.Add(await api.VisitAsync(store, manager));
        }

        await api.DispatchAsync(leads[0], $"{store}-m1", manager);
        await api.DispatchAsync(leads[1], $"{store}-m1", manager);
        await api.CloseAsync(leads[0], manager);
        var last = await api.BoardSequenceAsync(store, manager);
        Assert.True(last >= snapshot.Sequence + 6, $"expected at least 6 events after {snapshot.Sequence}, the board is at {last}");

        await screen.WaitForSequenceAsync(last);

        screen.AssertNoViolations();
        Assert.Equal(Range(snapshot.Sequence + 1, last), screen.EventSequencesSinceSnapshot());
        Assert.Single(screen.Of(BoardMessages.BoardSnapshot));
        var types = screen.Events.Select(e => e.Argument.GetProperty("type").GetString()).ToList();
        Assert.Contains("visit-registered", types);
        Assert.Contains("lead-dispatched", types);
        Assert.Contains("lead-closed", types);
        Assert.All(screen.Events, e => Assert.Equal(store, e.Argument.GetProperty("storeId").GetString()));
    }

    [Fact]
    public async Task AClientResumingAfterSequenceNGetsExactlyTheEventsAfterN()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        for (var i = 0; i < 4; i++)
        {
            await api.VisitAsync(store, manager);
        }

        var last = await api.BoardSequenceAsync(store, manager);
        var resumeFrom = last - 3;

        await using var screen = await ScreenClient.SubscribeAsync(gateway, manager, store, resumeFrom);
        await screen.WaitForSequenceAsync(last);
        await api.VisitAsync(store, manager);
        await screen.WaitForSequenceAsync(last + 1);

        screen.AssertNoViolations();
        Assert.Empty(screen.Of(BoardMessages.BoardSnapshot));
        Assert.Equal(Range(resumeFrom + 1, last + 1), screen.Events.Select(e => e.Sequence).ToList());
    }

    [Fact]
    public async Task AScreenWhoseGatewayRestartsReconnectsAndResumesWithoutGapsOrDuplicates()
    {
        var gatewayA = await GatewayFactory.OnPostgresAsync();
        var connectionString = gatewayA.ConnectionString!;
        await using var gatewayB = new GatewayFactory(connectionString);
        var apiB = new BoardApi(gatewayB.CreateClient());
        gatewayB.AssertStorage();
        var store = BoardApi.NewStoreId();
        await apiB.CreateStoreAsync(store);
        var manager = await apiB.TokenAsync("manager", store, $"{store}-m1");
        var display = await apiB.TokenAsync("display", store);
        _ = gatewayA.Server;

        // The screen dials whatever gateway is up, as it would through a load balancer.
        WebApplicationFactory<Program>? current = gatewayA;
        await using var screen = await ScreenClient.ConnectAsync(() => current ?? throw new InvalidOperationException("no gateway is up"), display);
        await screen.SubscribeAsync(store);
        var snapshot = await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");
        await apiB.VisitAsync(store, manager);
        await apiB.VisitAsync(store, manager);
        await screen.WaitForSequenceAsync(await apiB.BoardSequenceAsync(store, manager));

        // The screen's gateway goes away; the board moves on through the other one meanwhile.
        current = null;
        await gatewayA.DisposeAsync();
        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add(await apiB.VisitAsync(store, manager));
        }

        await apiB.DispatchAsync(missed[0], $"{store}-m1", manager);

        await using var restarted = new GatewayFactory(connectionString);
        _ = restarted.Server;
        // More commits race with the screen's reconnect and catch-up: they must be neither lost nor sent twice.
        var live = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await apiB.VisitAsync(store, manager);
            }
        });
        current = restarted;
        await live;
        var last = await apiB.BoardSequenceAsync(store, manager);

        await screen.WaitForSequenceAsync(last);

        screen.AssertNoViolations();
        Assert.True(screen.Reconnects >= 1, "the screen should have reconnected");
        Assert.Single(screen.Of(BoardMessages.BoardSnapshot));
        Assert.Equal(Range(snapshot.Sequence + 1, last), screen.EventSequencesSinceSnapshot());
    }

    [Fact]
    public async Task AClientMoreThanMaxCatchUpEventsBehindGetsASnapshotThenTheEventsAfterIt()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Board:MaxCatchUpEvents"] = "3" });
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        for (var i = 0; i < 5; i++)
        {
            await api.VisitAsync(store, manager);
        }

        var atSubscribe = await api.BoardSequenceAsync(store, manager);
        await using var screen = await ScreenClient.SubscribeAsync(gateway, manager, store, 1);

        var snapshot = await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "a snapshot");
        Assert.Equal(BoardMessages.BoardSnapshot, screen.Messages[0].Target);
        Assert.True(snapshot.Sequence >= atSubscribe);
        Assert.Equal(5, snapshot.Argument.GetProperty("todayLeads").GetArrayLength());

        await api.VisitAsync(store, manager);
        var last = await api.BoardSequenceAsync(store, manager);
        await screen.WaitForSequenceAsync(last);
        screen.AssertNoViolations();
        Assert.Equal(Range(snapshot.Sequence + 1, last), screen.EventSequencesSinceSnapshot());

        // Within reach: the missed events, no snapshot.
        await using var near = await ScreenClient.SubscribeAsync(gateway, manager, store, last - 3);
        await near.WaitForSequenceAsync(last);
        near.AssertNoViolations();
        Assert.Empty(near.Of(BoardMessages.BoardSnapshot));
        Assert.Equal(Range(last - 2, last), near.Events.Select(e => e.Sequence).ToList());
    }

    [Fact]
    public async Task AClientBehindWhatTheStoreStillKeepsGetsASnapshot()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Grains:BoardLogLength"] = "16" });
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        for (var i = 0; i < 20; i++)
        {
            await api.VisitAsync(store, manager);
        }

        var last = await api.BoardSequenceAsync(store, manager);

        // 19 events behind is within Board:MaxCatchUpEvents, but the store keeps only its last 16.
        await using var screen = await ScreenClient.SubscribeAsync(gateway, manager, store, last - 19);
        var snapshot = await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "a snapshot");
        Assert.Equal(last, snapshot.Sequence);
        Assert.Empty(screen.Events);

        // Just within what it keeps: events.
        await using var near = await ScreenClient.SubscribeAsync(gateway, manager, store, last - 15);
        await near.WaitForSequenceAsync(last);
        near.AssertNoViolations();
        Assert.Empty(near.Of(BoardMessages.BoardSnapshot));
        Assert.Equal(Range(last - 14, last), near.Events.Select(e => e.Sequence).ToList());
    }

    [Fact]
    public async Task ADisplayTokenSeesMaskedNamesAndPhonesInSnapshotsAndEvents()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        var first = await api.VisitAsync(store, manager, "王小明", "13812345678");

        await using var display = await ScreenClient.SubscribeAsync(gateway, await api.TokenAsync("display", store), store);
        await using var secondDisplay = await ScreenClient.SubscribeAsync(gateway, await api.TokenAsync("display", store), store);
        await using var staff = await ScreenClient.SubscribeAsync(gateway, manager, store);

        var masked = Lead((await display.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the display's snapshot")).Argument.GetProperty("todayLeads"), first);
        Assert.Equal("王**", masked.GetProperty("customerName").GetString());
        Assert.Equal("138****5678", masked.GetProperty("phone").GetString());
        var full = Lead((await staff.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the manager's snapshot")).Argument.GetProperty("todayLeads"), first);
        Assert.Equal("王小明", full.GetProperty("customerName").GetString());
        Assert.Equal("13812345678", full.GetProperty("phone").GetString());

        await api.VisitAsync(store, manager, "欧阳娜娜", "+86 139 8765 4321");
        await api.DispatchAsync(first, $"{store}-m1", manager);
        var last = await api.BoardSequenceAsync(store, manager);
        await display.WaitForSequenceAsync(last);
        await secondDisplay.WaitForSequenceAsync(last);
        await staff.WaitForSequenceAsync(last);

        var visit = display.Events.First(e => e.Argument.GetProperty("type").GetString() == "visit-registered").Argument.GetProperty("change").GetProperty("lead");
        Assert.Equal("欧**", visit.GetProperty("customerName").GetString());
        Assert.Equal("139****4321", visit.GetProperty("phone").GetString());
        var text = string.Join("\n", display.Messages.Select(e => e.Argument.GetRawText()));
        Assert.DoesNotContain("王小明", text, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳娜娜", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13987654321", text, StringComparison.Ordinal);

        // Every display of the store sees the same masked events; staff see them in full.
        Assert.Equal(Describe(display.Events), Describe(secondDisplay.Events));
        var staffText = string.Join("\n", staff.Events.Select(e => e.Argument.GetRawText()));
        Assert.Contains("欧阳娜娜", staffText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADesignerSeesOwnLeadsInFullAndOtherLeadsMasked()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        var lead = await api.VisitAsync(store, manager, "王小明", "13812345678");
        var designerId = (await api.DispatchAsync(lead, $"{store}-m1", manager)).GetProperty("designerId").GetString()!;
        var other = await api.VisitAsync(store, manager, "张伟", "13712345678");

        await using var own = await ScreenClient.SubscribeAsync(gateway, await api.TokenAsync("designer", store, designerId), store);
        var snapshot = await own.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the designer's snapshot");
        var leads = snapshot.Argument.GetProperty("todayLeads");
        Assert.Equal("王小明", Lead(leads, lead).GetProperty("customerName").GetString());
        Assert.Equal("张**", Lead(leads, other).GetProperty("customerName").GetString());
        Assert.Equal("137****5678", Lead(leads, other).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task ATokenOfAnotherStoreOrNoTokenIsRefused()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var own = BoardApi.NewStoreId("own");
        var other = BoardApi.NewStoreId("other");
        await api.CreateStoreAsync(own);
        await api.CreateStoreAsync(other);

        foreach (var (role, userId) in new[] { ("display", (string?)null), ("manager", $"{own}-m1"), ("frontdesk", null), ("supervisor", null), ("designer", $"{own}-d1") })
        {
            await using var screen = await ScreenClient.ConnectAsync(gateway, await api.TokenAsync(role, own, userId));
            var error = await Assert.ThrowsAsync<HubException>(() => screen.SubscribeAsync(other));
            Assert.Contains("Forbidden", error.Message, StringComparison.Ordinal);
            Assert.Empty(screen.Messages);

            // The same token still works for its own store.
            await screen.SubscribeAsync(own);
            await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, $"a {role}'s snapshot of its own store");
        }

        await using (var displayOnPool = await ScreenClient.ConnectAsync(gateway, await api.TokenAsync("display", own)))
        {
            var error = await Assert.ThrowsAsync<HubException>(() => displayOnPool.SubscribePoolAsync());
            Assert.Contains("Forbidden", error.Message, StringComparison.Ordinal);
        }

        // No token (or a forged one): nothing is streamed.
        foreach (var token in new[] { null, "not-a-jwt" })
        {
            var refused = await Record.ExceptionAsync(async () =>
            {
                await using var anonymous = await ScreenClient.ConnectAsync(gateway, token);
                await anonymous.SubscribeAsync(own);
            });
            Assert.NotNull(refused);
        }
    }

    [Fact]
    public async Task ThePoolStreamShowsAClaimOnEveryScreen()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var p1 = BoardApi.NewStoreId("p1");
        var p2 = BoardApi.NewStoreId("p2");
        await api.CreateStoreAsync(p1);
        await api.CreateStoreAsync(p2);
        var hq = await api.TokenAsync("hq");
        await using var watcher = await ScreenClient.ConnectAsync(gateway, await api.TokenAsync("manager", p2, $"{p2}-m1"));
        await using var claimant = await ScreenClient.ConnectAsync(gateway, await api.TokenAsync("manager", p1, $"{p1}-m1"));
        await watcher.SubscribePoolAsync();
        await claimant.SubscribePoolAsync();
        var snapshot = await watcher.WaitForAsync(m => m.Target == BoardMessages.PoolSnapshot, "the pool snapshot");

        using var http = gateway.CreateClient();
        var posted = await Post(http, hq, "/api/pool/leads", new { commandId = Guid.NewGuid().ToString("N"), name = "孙丽", phone = "13700001111", channel = "web" });
        var leadId = posted.GetProperty("leadId").GetString()!;
        await Post(http, await api.TokenAsync("manager", p1, $"{p1}-m1"), $"/api/pool/leads/{leadId}/claim", new { commandId = Guid.NewGuid().ToString("N") });

        await watcher.WaitForPoolSequenceAsync(snapshot.Sequence + 2);
        await claimant.WaitForPoolSequenceAsync(snapshot.Sequence + 2);
        watcher.AssertNoViolations();
        claimant.AssertNoViolations();
        var events = watcher.Of(BoardMessages.PoolEvent);
        Assert.Equal([snapshot.Sequence + 1, snapshot.Sequence + 2], events.Take(2).Select(e => e.Sequence));
        var lead = events[1].Argument.GetProperty("lead");
        Assert.Equal(p1, lead.GetProperty("claimedBy").GetProperty("storeId").GetString());
        // Another store's manager sees who has it, not the customer's details; the claimant sees them.
        Assert.Equal("孙**", lead.GetProperty("name").GetString());
        Assert.Equal("137****1111", lead.GetProperty("phone").GetString());
        var claimed = claimant.Of(BoardMessages.PoolEvent).Last(e => e.Argument.GetProperty("lead").GetProperty("leadId").GetString() == leadId);
        Assert.Equal("孙丽", claimed.Argument.GetProperty("lead").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AGatewayFeedsAStoreOnceForAllItsScreensAndStopsWhenTheLastLeaves()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        var store = BoardApi.NewStoreId();
        await api.CreateStoreAsync(store);
        var display = await api.TokenAsync("display", store);
        var feed = gateway.Services.GetRequiredService<BoardFeed>();

        var first = await ScreenClient.SubscribeAsync(gateway, display, store);
        var second = await ScreenClient.SubscribeAsync(gateway, display, store);
        Assert.Equal(1, feed.FeedCount);

        await first.DisposeAsync();
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        await api.VisitAsync(store, manager);
        await second.WaitForSequenceAsync(await api.BoardSequenceAsync(store, manager));
        Assert.Equal(1, feed.FeedCount);

        await second.DisposeAsync();
        await second.UntilAsync(() => feed.FeedCount == 0, "the feed stops with its last screen");
    }

    internal static List<long> Range(long first, long last) => [.. Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i)];

    internal static List<string> Describe(IEnumerable<HubMessage> events) =>
        [.. events.Select(e => $"{e.Sequence}:{e.Argument.GetProperty("type").GetString()}:{e.Argument.GetProperty("change").GetRawText()}")];

    private static async Task<JsonElement> Post(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Lead(JsonElement leads, string leadId) =>
        leads.EnumerateArray().Single(l => l.GetProperty("leadId").GetString() == leadId);
}
