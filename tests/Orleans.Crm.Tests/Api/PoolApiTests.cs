using System.Net;
using System.Net.Http.Json;

namespace Orleans.Crm.Tests.Api;

public sealed class PoolApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Theory]
    [InlineData("hq")]
    [InlineData("supervisor")]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    public async Task ReceptionRolesPostLeadsToThePool(string role)
    {
        using var client = await _api.ClientAsync(role, "s-any");

        var response = await client.PostAsJsonAsync("/api/pool/leads", new { commandId = ApiHarness.NewCommandId(), name = "赵六", phone = ApiHarness.NewPhone(), channel = "event", source = "Spring expo" });

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.Created, response);
        Assert.Equal($"/api/leads/{body.Str("leadId")}", response.Headers.Location?.OriginalString);
        Assert.False(string.IsNullOrEmpty(body.Str("customerId")));
    }

    [Theory]
    [InlineData("designer")]
    [InlineData("display")]
    public async Task DesignersAndDisplaysDoNotPostToThePool(string role)
    {
        using var client = await _api.ClientAsync(role, "s-any");

        var response = await client.PostAsJsonAsync("/api/pool/leads", new { commandId = "c", name = "赵六", phone = ApiHarness.NewPhone(), channel = "web" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"A","phone":"13912345678","channel":"web"}""", "commandId")]
    [InlineData("""{"commandId":"c","phone":"13912345678","channel":"web"}""", "name")]
    [InlineData("""{"commandId":"c","name":"A","phone":"99","channel":"web"}""", "phone")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678"}""", "channel")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","channel":"walkIn"}""", "channel")]
    public async Task InvalidPoolLeadsAreRefusedNamingTheField(string json, string field)
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsync("/api/pool/leads", ApiHarness.RawJson(json)), field);
    }

    [Fact]
    public async Task RetryingAPoolPostWithTheSameCommandIdPostsOnce()
    {
        using var hq = await _api.HqAsync();
        var request = new { commandId = ApiHarness.NewCommandId(), name = "赵六", phone = ApiHarness.NewPhone(), channel = "web" };

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/pool/leads", request));
        var second = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/pool/leads", request));
        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync("/api/pool"));

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Single(list["array"]!.AsArray(), l => l!.Str("leadId") == first.Str("leadId"));
    }

    [Fact]
    public async Task AManagerClaimsAPoolLeadForTheirStoreAndEveryoneElseIsToldWhoHasIt()
    {
        var a = await _api.StoreAsync(1, 1);
        var b = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync("13812345678");
        using var managerA = await _api.ClientAsync("manager", a.StoreId, a.ManagerIds[0]);
        using var managerB = await _api.ClientAsync("manager", b.StoreId, b.ManagerIds[0]);

        var won = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await managerA.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1", managerId = a.ManagerIds[0] }));
        var lostResponse = await managerB.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1" });
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await managerA.GetAsync($"/api/leads/{leadId}"));

        Assert.Equal(leadId, won.Str("leadId"));
        Assert.Equal(a.StoreId, won.Str("storeId"));
        Assert.Equal(a.ManagerIds[0], won.Str("managerId"));
        var lost = await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, lostResponse);
        Assert.Equal("already_claimed", lost.Str("reason"));
        Assert.Equal(a.StoreId, lost["claimedBy"]!.Str("storeId"));
        Assert.Equal(a.ManagerIds[0], lost["claimedBy"]!.Str("managerId"));
        Assert.NotNull(lost["claimedBy"]!["at"]);
        Assert.Equal(a.StoreId, lead.Str("storeId"));
        Assert.Equal("13812345678", lead.Str("phone"));
    }

    [Fact]
    public async Task AClaimedPoolLeadIsDispatchedByTheClaimantsStore()
    {
        var store = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync();
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1" }));

        var dispatched = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = "d1" }));

        Assert.Equal(store.DesignerIds[0][0], dispatched.Str("designerId"));
    }

    [Fact]
    public async Task RetryingAClaimWithTheSameCommandIdReturnsTheSameWin()
    {
        var store = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync();
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "same" }));
        var second = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "same" }));
        var view = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{store.ManagerIds[0]}"));

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(1, view["openClaims"]!.GetValue<int>());
    }

    [Fact]
    public async Task AManagerMayOnlyClaimAsThemselves()
    {
        var store = await _api.StoreAsync(2, 1);
        var leadId = await _api.PoolLeadAsync();
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1", managerId = store.ManagerIds[1] }));
    }

    [Fact]
    public async Task ASupervisorClaimsForAManagerOfTheirStoreButNotOfAnother()
    {
        var mine = await _api.StoreAsync(1, 1);
        var theirs = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync();
        using var supervisor = await _api.ClientAsync("supervisor", mine.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1", managerId = theirs.ManagerIds[0] }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c2" }), "managerId");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c3", managerId = mine.ManagerIds[0] }));
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("designer")]
    public async Task FrontDeskAndDesignersDoNotClaim(string role)
    {
        var store = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync();
        using var client = await _api.ClientAsync(role, store.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1", managerId = store.ManagerIds[0] }));
    }

    [Fact]
    public async Task ClaimingAnUnknownLeadOrForAnUnknownManagerIs404()
    {
        var store = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync();
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/pool/leads/{ApiHarness.NewId("l")}/claim", new { commandId = "c1", managerId = store.ManagerIds[0] }), "leadId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c2", managerId = ApiHarness.NewId("m") }), "managerId");
    }

    [Fact]
    public async Task TheEleventhClaimOfADayIs429WithTheReason()
    {
        var store = await _api.StoreAsync(1, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        for (var i = 0; i < 10; i++)
        {
            var lead = await _api.PoolLeadAsync();
            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/pool/leads/{lead}/claim", new { commandId = $"c{i}" }));
        }

        var eleventh = await _api.PoolLeadAsync();
        var refused = await ApiHarness.ExpectAsync(HttpStatusCode.TooManyRequests, await manager.PostAsJsonAsync($"/api/pool/leads/{eleventh}/claim", new { commandId = "c10" }));

        Assert.Equal("daily_limit", refused.Str("reason"));
        Assert.False(string.IsNullOrEmpty(refused.Str("message")));
    }

    [Fact]
    public async Task ThePoolListMasksLeadsForStoresThatHaveNotClaimedThem()
    {
        var store = await _api.StoreAsync(1, 1);
        var leadId = await _api.PoolLeadAsync("13812345678");
        using var hq = await _api.HqAsync();
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        var forHq = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync("/api/pool")))["array"]!.AsArray().Single(l => l!.Str("leadId") == leadId)!;
        var forManager = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync("/api/pool")))["array"]!.AsArray().Single(l => l!.Str("leadId") == leadId)!;
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = "c1" }));
        var claimed = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync("/api/pool")))["array"]!.AsArray().Single(l => l!.Str("leadId") == leadId)!;

        Assert.Equal("13812345678", forHq.Str("phone"));
        Assert.Equal("138****5678", forManager.Str("phone"));
        Assert.Equal("李**", forManager.Str("name"));
        Assert.Equal("13812345678", claimed.Str("phone"));
        Assert.Equal(store.StoreId, claimed["claimedBy"]!.Str("storeId"));
    }

    [Fact]
    public async Task DisplaysDoNotReadThePool()
    {
        using var display = await _api.ClientAsync("display", "s-any");

        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync("/api/pool")).StatusCode);
    }
}
