using System.Net;
using System.Net.Http.Json;

namespace Orleans.Crm.Tests.Api;

public sealed class StaffApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task AManagerOnLeaveIsSkippedAndCancellingTheLeaveRestoresTheirTurn()
    {
        var store = await _api.StoreAsync(2, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        var leave = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PutAsync($"/api/managers/{store.ManagerIds[0]}/leave/2026-01-01", null));
        var during = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-01-01"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.DeleteAsync($"/api/managers/{store.ManagerIds[0]}/leave/2026-01-01"));
        var after = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-01-01"));
        var view = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{store.ManagerIds[0]}"));

        Assert.True(leave["onLeave"]!.GetValue<bool>());
        Assert.Equal(store.ManagerIds[1], during.Str("managerId"));
        Assert.Equal(store.ManagerIds[0], after.Str("managerId"));
        Assert.Empty(view["leaveDays"]!.AsArray());
    }

    [Fact]
    public async Task ASupervisorRecordsLeaveForAManagerOfTheirStore()
    {
        var store = await _api.StoreAsync(2, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsync($"/api/managers/{store.ManagerIds[1]}/leave/2026-01-02", null));
        var view = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{store.ManagerIds[1]}"));

        Assert.Equal("2026-01-02", Assert.Single(view["leaveDays"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task AManagerMayNotRecordLeaveForAColleague()
    {
        var store = await _api.StoreAsync(2, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.PutAsync($"/api/managers/{store.ManagerIds[1]}/leave/2026-01-02", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.DeleteAsync($"/api/managers/{store.ManagerIds[1]}/leave/2026-01-02"));
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("manager")]
    [InlineData("frontdesk")]
    [InlineData("designer")]
    public async Task NobodyChangesLeaveRankOrPresenceAtAnotherStore(string role)
    {
        var mine = await _api.StoreAsync(1, 1);
        var theirs = await _api.StoreAsync(1, 1);
        using var client = await _api.ClientAsync(role, mine.StoreId, role == "manager" ? theirs.ManagerIds[0] : null);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsync($"/api/managers/{theirs.ManagerIds[0]}/leave/2026-01-02", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsJsonAsync($"/api/designers/{theirs.DesignerIds[0][0]}/rank", new { rank = 3 }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsJsonAsync($"/api/designers/{theirs.DesignerIds[0][0]}/presence", new { present = false }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/designers/{theirs.DesignerIds[0][0]}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/managers/{theirs.ManagerIds[0]}"));
    }

    [Fact]
    public async Task LeaveForAnUnknownManagerIs404AndABadDateIs400()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PutAsync($"/api/managers/{ApiHarness.NewId("m")}/leave/2026-01-02", null), "managerId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsync($"/api/managers/{store.ManagerIds[0]}/leave/02-01-2026", null), "date");
    }

    [Fact]
    public async Task ARankChangeChangesTheCap()
    {
        var store = await _api.StoreAsync(1, 2);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][0]}/rank", new { rank = 5 }));

        Assert.Equal(5, designer["rank"]!.GetValue<int>());
        Assert.Equal(1, designer["cap"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"rank":0}""")]
    [InlineData("""{"rank":100}""")]
    [InlineData("""{}""")]
    [InlineData("""{"rank":"first"}""")]
    public async Task InvalidRanksAreRefusedNamingTheRank(string json)
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsync($"/api/designers/{store.DesignerIds[0][0]}/rank", ApiHarness.RawJson(json)), "rank");
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{store.DesignerIds[0][0]}"));
        Assert.Equal(1, designer["rank"]!.GetValue<int>());
    }

    [Fact]
    public async Task PresenceIsRecordedAndUnknownDesignersAre404()
    {
        var store = await _api.StoreAsync(1, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        var absent = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][0]}/presence", new { present = false }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.PutAsJsonAsync($"/api/designers/{ApiHarness.NewId("d")}/presence", new { present = false }), "designerId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][0]}/presence", new { }), "present");

        Assert.False(absent["present"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("designer")]
    [InlineData("frontdesk")]
    public async Task OnlyHqAndSupervisorsSetRankAndPresence(string role)
    {
        var store = await _api.StoreAsync(1, 1);
        var designerId = store.DesignerIds[0][0];
        using var client = await _api.ClientAsync(role, store.StoreId, role == "designer" ? designerId : store.ManagerIds[0]);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsJsonAsync($"/api/designers/{designerId}/rank", new { rank = 2 }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsJsonAsync($"/api/designers/{designerId}/presence", new { present = false }));
    }
}
