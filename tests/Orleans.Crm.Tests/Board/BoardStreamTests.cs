using Orleans.Crm.Tests.Infrastructure;
using System.Text.Json;

namespace Orleans.Crm.Tests.Board;

/// <summary>The live board over the hub protocol: ordering across gateways, resume without gaps or duplicates, snapshots, masking, access.</summary>
public sealed class BoardStreamTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task ClientsOnTwoGatewaysSeeTheSameOrderedEvents()
    {
        await using var gatewayA = await GatewayFactory.OnPostgresAsync();
        await using var gatewayB = new GatewayFactory(gatewayA.ConnectionString);
        var apiA = new BoardApi(gatewayA.CreateClient());
        var apiB = new BoardApi(gatewayB.CreateClient());
        gatewayA.AssertStorage();
        gatewayB.AssertStorage();
        const string store = "two-gw";
        await apiA.CreateStoreAsync(store);
        var manager = await apiA.TokenAsync("manager", store, $"{store}-m1");

        await using var clientA = await HubTestClient.ConnectAsync(gatewayA, manager);
        await using var clientB = await HubTestClient.ConnectAsync(gatewayB, await apiB.TokenAsync("supervisor", store));
        await clientA.InvokeAsync("Subscribe", store, 0);
        await clientB.InvokeAsync("Subscribe", store, 0);
        var snapshotA = await clientA.NextAsync();
        var snapshotB = await clientB.NextAsync();
        Assert.Equal("BoardSnapshot", snapshotA.Target);
        Assert.Equal("BoardSnapshot", snapshotB.Target);
        Assert.Equal(snapshotA.Sequence, snapshotB.Sequence);

        // Writes through both processes, some concurrently, so commits interleave in the shared outbox.
        var leads = await Task.WhenAll(
            apiA.VisitAsync(store, manager, "王小明"),
            apiB.VisitAsync(store, manager, "张伟"),
            apiA.VisitAsync(store, manager, "刘洋"));
        await Task.WhenAll(apiB.DispatchAsync(leads[0], $"{store}-m1", manager), apiA.DispatchAsync(leads[1], $"{store}-m1", manager));
        await apiB.CloseAsync(leads[0], manager);
        var last = await apiA.BoardSequenceAsync(store, manager);
        Assert.True(last > snapshotA.Sequence + 5, $"expected at least 6 events after {snapshotA.Sequence}, board is at {last}");

        var eventsA = await clientA.ReadEventsThroughAsync(last);
        var eventsB = await clientB.ReadEventsThroughAsync(last);

        AssertContiguous(eventsA, snapshotA.Sequence + 1, last);
        Assert.Equal(Describe(eventsA), Describe(eventsB));
        Assert.Contains(eventsA, e => e.GetProperty("type").GetString() == "lead-dispatched");
        Assert.Null(await clientA.TryNextAsync(Quiet));
        Assert.Null(await clientB.TryNextAsync(Quiet));
    }

    [Fact]
    public async Task AClientResumingFromSequenceNMissesNothingAndGetsNoDuplicatesAcrossAGatewayRestart()
    {
        var gatewayA = await GatewayFactory.OnPostgresAsync();
        var connectionString = gatewayA.ConnectionString!;
        await using var gatewayB = new GatewayFactory(connectionString);
        var apiB = new BoardApi(gatewayB.CreateClient());
        gatewayB.AssertStorage();
        const string store = "resume";
        await apiB.CreateStoreAsync(store);
        var manager = await apiB.TokenAsync("manager", store, $"{store}-m1");
        var display = await apiB.TokenAsync("display", store);

        long resumeFrom;
        await using (var first = await HubTestClient.ConnectAsync(gatewayA, display))
        {
            await first.InvokeAsync("Subscribe", store, 0);
            var snapshot = await first.NextAsync();
            await apiB.VisitAsync(store, manager);
            await apiB.VisitAsync(store, manager);
            var seen = await first.ReadEventsThroughAsync(await apiB.BoardSequenceAsync(store, manager));
            AssertContiguous(seen, snapshot.Sequence + 1, seen[^1].GetProperty("sequence").GetInt64());
            resumeFrom = seen[^1].GetProperty("sequence").GetInt64();
        }

        // The screen's gateway goes away; the board moves on through the other one meanwhile.
        await gatewayA.DisposeAsync();
        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add(await apiB.VisitAsync(store, manager));
        }

        await apiB.DispatchAsync(missed[0], $"{store}-m1", manager);

        await using var restarted = new GatewayFactory(connectionString);
        await using var resumed = await HubTestClient.ConnectAsync(restarted, display);
        // More commits race with the catch-up: they must be neither lost nor sent twice.
        var live = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await apiB.VisitAsync(store, manager);
            }
        });
        await resumed.InvokeAsync("Subscribe", store, resumeFrom);
        await live;
        var last = await apiB.BoardSequenceAsync(store, manager);

        var events = await resumed.ReadEventsThroughAsync(last);

        AssertContiguous(events, resumeFrom + 1, last);
        Assert.Null(await resumed.TryNextAsync(Quiet));
    }

    [Fact]
    public async Task AClientFarBehindGetsASnapshotThenTheEventsAfterIt()
    {
        await using var gateway = new GatewayFactory(settings: new Dictionary<string, string?> { ["Board:MaxCatchUpEvents"] = "3" });
        var api = new BoardApi(gateway.CreateClient());
        const string store = "behind";
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        for (var i = 0; i < 5; i++)
        {
            await api.VisitAsync(store, manager);
        }

        var atSubscribe = await api.BoardSequenceAsync(store, manager);
        await using var client = await HubTestClient.ConnectAsync(gateway, manager);
        await client.InvokeAsync("Subscribe", store, 1);

        var snapshot = await client.NextAsync();
        Assert.Equal("BoardSnapshot", snapshot.Target);
        Assert.True(snapshot.Sequence >= atSubscribe);
        Assert.Equal(5, snapshot.Argument.GetProperty("todayLeads").GetArrayLength());

        await api.VisitAsync(store, manager);
        var events = await client.ReadEventsThroughAsync(await api.BoardSequenceAsync(store, manager));
        AssertContiguous(events, snapshot.Sequence + 1, events[^1].GetProperty("sequence").GetInt64());

        // Within reach: the missed events, no snapshot.
        await using var near = await HubTestClient.ConnectAsync(gateway, manager);
        await near.InvokeAsync("Subscribe", store, snapshot.Sequence);
        var caughtUp = await near.ReadEventsThroughAsync(events[^1].GetProperty("sequence").GetInt64());
        AssertContiguous(caughtUp, snapshot.Sequence + 1, events[^1].GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task ADisplayTokenGetsMaskedNamesAndPhonesInSnapshotsAndEvents()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        const string store = "masked";
        await api.CreateStoreAsync(store);
        var manager = await api.TokenAsync("manager", store, $"{store}-m1");
        var first = await api.VisitAsync(store, manager, "王小明", "13812345678");

        await using var display = await HubTestClient.ConnectAsync(gateway, await api.TokenAsync("display", store));
        await using var staff = await HubTestClient.ConnectAsync(gateway, manager);
        await display.InvokeAsync("Subscribe", store, 0);
        await staff.InvokeAsync("Subscribe", store, 0);

        var masked = Lead((await display.NextAsync()).Argument.GetProperty("todayLeads"), first);
        Assert.Equal("王**", masked.GetProperty("customerName").GetString());
        Assert.Equal("138****5678", masked.GetProperty("phone").GetString());
        var full = Lead((await staff.NextAsync()).Argument.GetProperty("todayLeads"), first);
        Assert.Equal("王小明", full.GetProperty("customerName").GetString());

        await api.VisitAsync(store, manager, "欧阳娜娜", "+86 139 8765 4321");
        await api.DispatchAsync(first, $"{store}-m1", manager);
        var last = await api.BoardSequenceAsync(store, manager);
        var events = await display.ReadEventsThroughAsync(last);
        var visit = events.First(e => e.GetProperty("type").GetString() == "visit-registered").GetProperty("change").GetProperty("lead");
        Assert.Equal("欧**", visit.GetProperty("customerName").GetString());
        Assert.Equal("139****4321", visit.GetProperty("phone").GetString());
        var text = string.Join("\n", events.Select(e => e.GetRawText()));
        Assert.DoesNotContain("王小明", text, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳娜娜", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13987654321", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenOfAnotherStoreOrNoTokenIsRefused()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        await api.CreateStoreAsync("own");
        await api.CreateStoreAsync("other");

        foreach (var (role, userId) in new[] { ("display", (string?)null), ("manager", "own-m1"), ("frontdesk", null), ("supervisor", null), ("designer", "own-d1") })
        {
            await using var client = await HubTestClient.ConnectAsync(gateway, await api.TokenAsync(role, "own", userId));
            var error = await Assert.ThrowsAsync<HubInvocationException>(() => client.InvokeAsync("Subscribe", "other", 0));
            Assert.Contains("Forbidden", error.Message, StringComparison.Ordinal);
            Assert.Null(await client.TryNextAsync(TimeSpan.FromMilliseconds(200)));

            // The same token still works for its own store.
            await client.InvokeAsync("Subscribe", "own", 0);
            Assert.Equal("BoardSnapshot", (await client.NextAsync()).Target);
        }

        var displayOnPool = await HubTestClient.ConnectAsync(gateway, await api.TokenAsync("display", "own"));
        await using (displayOnPool)
        {
            await Assert.ThrowsAsync<HubInvocationException>(() => displayOnPool.InvokeAsync("SubscribePool", 0));
        }

        // No token (or a forged one): nothing is streamed.
        foreach (var token in new[] { null, "not-a-jwt" })
        {
            var refused = await Record.ExceptionAsync(async () =>
            {
                await using var anonymous = await HubTestClient.ConnectAsync(gateway, token);
                await anonymous.InvokeAsync("Subscribe", "own", 0);
            });
            Assert.NotNull(refused);
        }
    }

    [Fact]
    public async Task ThePoolStreamShowsAClaimOnEveryScreen()
    {
        await using var gateway = new GatewayFactory();
        var api = new BoardApi(gateway.CreateClient());
        await api.CreateStoreAsync("p1");
        await api.CreateStoreAsync("p2");
        var hq = await api.TokenAsync("hq");
        await using var watcher = await HubTestClient.ConnectAsync(gateway, await api.TokenAsync("manager", "p2", "p2-m1"));
        await watcher.InvokeAsync("SubscribePool", 0);
        var snapshot = await watcher.NextAsync();
        Assert.Equal("PoolSnapshot", snapshot.Target);

        var http = gateway.CreateClient();
        var posted = await Post(http, hq, "/api/pool/leads", new { commandId = "pool-1", name = "孙丽", phone = "13700001111", channel = "web" });
        var leadId = posted.GetProperty("leadId").GetString()!;
        await Post(http, await api.TokenAsync("manager", "p1", "p1-m1"), $"/api/pool/leads/{leadId}/claim", new { commandId = "claim-1" });

        var postedEvent = await watcher.NextAsync();
        var claimedEvent = await watcher.NextAsync();
        Assert.Equal(snapshot.Sequence + 1, postedEvent.Sequence);
        Assert.Equal(snapshot.Sequence + 2, claimedEvent.Sequence);
        var lead = claimedEvent.Argument.GetProperty("lead");
        Assert.Equal("p1", lead.GetProperty("claimedBy").GetProperty("storeId").GetString());
        // Another store's manager sees who has it, not the customer's details.
        Assert.Equal("孙**", lead.GetProperty("name").GetString());
        Assert.Equal("137****1111", lead.GetProperty("phone").GetString());
    }

    private static async Task<JsonElement> Post(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Lead(JsonElement leads, string leadId) =>
        leads.EnumerateArray().Single(l => l.GetProperty("leadId").GetString() == leadId);

    private static void AssertContiguous(List<JsonElement> events, long first, long last)
    {
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).ToList(), sequences);
    }

    private static List<string> Describe(List<JsonElement> events) =>
        [.. events.Select(e => $"{e.GetProperty("sequence").GetInt64()}:{e.GetProperty("type").GetString()}:{e.GetProperty("change").GetProperty("summary").GetString()}")];
}
