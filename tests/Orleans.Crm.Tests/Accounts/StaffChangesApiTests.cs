using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Gateway.Auth.Accounts;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Displays;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Accounts;

/// <summary>
/// <c>POST /api/staff/{userId}/leave</c> and <c>/transfer</c> on PostgreSQL (issue 16): the work handed over, the
/// departed person's tokens refused at once, a moved person's old-store token refused, retries applied once, and who may
/// do it.
/// </summary>
public sealed class StaffChangesApiTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string Initial = "Initial-Pass1";
    private const string Own = "Own-Pass-123";

    private readonly ApiHarness _api = fixture.Api;

    /// <summary>A designer with an account in the store's first group, signed in (their own password set).</summary>
    private async Task<(string UserId, JsonObject Tokens)> SignedInDesignerAsync(TestStore store, int group = 0)
    {
        var userId = ApiHarness.NewId("d");
        await fixture.CreateStaffAsync(new { userId, name = "设计师 小李", role = "designer", storeId = store.StoreId, groupManagerId = store.ManagerIds[group], rank = 1, initialPassword = Initial });
        using var client = _api.Anonymous();
        return (userId, await AccountsFixture.FirstSignInAsync(client, userId, Initial, Own));
    }

    private static Task<HttpResponseMessage> LeaveAsync(HttpClient client, string userId, object? body = null) =>
        client.PostAsJsonAsync($"/api/staff/{userId}/leave", body ?? new { commandId = ApiHarness.NewCommandId(), effective = "2026-11-30" });

    [Fact]
    public async Task ADepartedDesignersTokenWorksBeforeAndIs401RightAfterTheLeaveAndTheirLeadIsReDispatched()
    {
        var store = await _api.StoreAsync(1, 1);
        var (userId, tokens) = await SignedInDesignerAsync(store);
        using var designer = fixture.Bearer(tokens.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/designers/{userId}"));

        // They hold a lead (the other designer away while it is dispatched); the leave sends it back to dispatch in the group.
        using var hq = await _api.HqAsync();
        var other = store.DesignerIds[0][0];
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/designers/{other}/presence", new { present = false }));
        var (leadId, holder, _) = await _api.DispatchedLeadAsync(store);
        Assert.Equal(userId, holder);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/designers/{other}/presence", new { present = true }));
        var left = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await LeaveAsync(hq, userId));

        Assert.Equal(HttpStatusCode.Unauthorized, (await designer.GetAsync($"/api/designers/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await designer.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
        using var client = _api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountsFixture.SignInAsync(client, userId, Own)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).StatusCode);

        var handed = Assert.Single(left["leads"]!.AsArray())!;
        Assert.Equal((leadId, "dispatched", store.DesignerIds[0][0]), (handed.Str("leadId"), handed.Str("outcome"), handed.Str("designerId")));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));
        Assert.Equal(store.DesignerIds[0][0], lead.Str("designerId"));
        var timeline = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}/timeline"));
        var handOver = timeline["timeline"]!.AsArray().Single(e => e!.Str("kind") == "reassigned")!;
        Assert.StartsWith("设计师 小李 · dispatched →", handOver.Str("detail"), StringComparison.Ordinal);
        var board = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/board"));
        Assert.DoesNotContain(userId, board["groups"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await hq.GetAsync($"/api/designers/{userId}")).StatusCode);
    }

    [Fact]
    public async Task ADepartedDesignersLiveBoardIsClosedByTheLeave()
    {
        var store = await _api.StoreAsync(1, 1);
        var (userId, tokens) = await SignedInDesignerAsync(store);
        await using var hub = await DisplayHub.ConnectAsync(_api.Factory, tokens.Str("accessToken"));
        await hub.SubscribeAsync(store.StoreId);
        await hub.Snapshot.WaitAsync(Eventually.Deadline);
        Assert.False(hub.Closed.IsCompleted);

        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await LeaveAsync(hq, userId));

        await hub.Closed.WaitAsync(Eventually.Deadline);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var again = await DisplayHub.ConnectAsync(_api.Factory, tokens.Str("accessToken"));
            await again.SubscribeAsync(store.StoreId);
        });
    }

    [Fact]
    public async Task ADepartureRecordedThroughAnotherGatewayClosesTheLiveBoardAtTheNextRecheckAndLeavesOthersOpen()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leaving, leavingTokens) = await SignedInDesignerAsync(store);
        var (staying, stayingTokens) = await SignedInDesignerAsync(store);
        await using var gone = await DisplayHub.ConnectAsync(_api.Factory, leavingTokens.Str("accessToken"));
        await using var kept = await DisplayHub.ConnectAsync(_api.Factory, stayingTokens.Str("accessToken"));
        foreach (var hub in new[] { gone, kept })
        {
            await hub.SubscribeAsync(store.StoreId);
            await hub.Snapshot.WaitAsync(Eventually.Deadline);
        }

        // As another gateway process records it: on the shared accounts table only, so this process closes nothing at once.
        await using (var scope = _api.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
            var account = (await users.FindByNameAsync(leaving))!;
            await StaffDeparture.MarkDepartedAsync(users, account, "another-gateway", new DateOnly(2026, 11, 30), store.StoreId);
        }

        await gone.Closed.WaitAsync(Eventually.Deadline);
        Assert.False(kept.Closed.IsCompleted, $"{staying}'s board was closed too");
    }

    [Fact]
    public async Task ALeaveRetriedWithTheSameCommandIdAnswersTheSameAndAppliesOnce()
    {
        var store = await _api.StoreAsync(1, 2);
        var (userId, _) = await SignedInDesignerAsync(store);
        await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();
        var body = new { commandId = ApiHarness.NewCommandId(), effective = "2026-11-30" };

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await LeaveAsync(hq, userId, body));
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await LeaveAsync(hq, userId, body));
        var other = await LeaveAsync(hq, userId);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, other, "userId");
        var setup = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}"));
        var holding = setup["groups"]![0]!["designers"]!.AsArray().Sum(d => d!["holding"]!.AsArray().Count);
        Assert.Equal(1, holding);
    }

    [Fact]
    public async Task TwoLeavesOfOnePersonRacingWithDifferentCommandIdsApplyOnceAndTheOtherIs409()
    {
        var store = await _api.StoreAsync(1, 3);
        var (_, designerId, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));

        var responses = await Task.WhenAll(LeaveAsync(hq, designerId), LeaveAsync(supervisor, designerId));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var setup = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}"));
        var designers = setup["groups"]![0]!["designers"]!.AsArray();
        Assert.Equal(2, designers.Count);
        Assert.Equal(1, designers.Sum(d => d!["holding"]!.AsArray().Count));
    }

    [Fact]
    public async Task AManagerMovedToAnotherStoreHandsTheLeadsToTheChosenManagerAndTheirOldStoreTokenIs401()
    {
        var store = await _api.StoreAsync(1, 1);
        var target = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();
        var managerId = ApiHarness.NewId("m");
        await fixture.CreateStaffAsync(new { userId = managerId, name = "客户经理 老周", role = "manager", storeId = store.StoreId, initialPassword = Initial });
        using var anonymous = _api.Anonymous();
        var tokens = await AccountsFixture.FirstSignInAsync(anonymous, managerId, Initial, Own);
        using var manager = fixture.Bearer(tokens.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{managerId}"));
        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new
        {
            commandId = ApiHarness.NewCommandId(), name = "王先生", phone = ApiHarness.NewPhone(), channel = "walkIn", appointmentWith = managerId,
        }));

        // With a lead and no successor named: refused, naming the field, nothing changed.
        await ApiHarness.ExpectFieldErrorAsync(
            HttpStatusCode.BadRequest,
            await hq.PostAsJsonAsync($"/api/staff/{managerId}/transfer", new { commandId = ApiHarness.NewCommandId(), storeId = target.StoreId }),
            "reassignTo");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{managerId}"));

        var body = new { commandId = ApiHarness.NewCommandId(), storeId = target.StoreId, reassignTo = store.ManagerIds[0] };
        var moved = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/staff/{managerId}/transfer", body));
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/staff/{managerId}/transfer", body));

        Assert.Equal(moved.ToJsonString(), again.ToJsonString());
        Assert.Equal((store.StoreId, target.StoreId), (moved.Str("fromStoreId"), moved.Str("storeId")));
        var handed = Assert.Single(moved["leads"]!.AsArray())!;
        Assert.Equal((visit.Str("leadId"), "manager", store.ManagerIds[0]), (handed.Str("leadId"), handed.Str("outcome"), handed.Str("managerId")));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{visit.Str("leadId")}"));
        Assert.Equal(store.ManagerIds[0], lead.Str("managerId"));
        var source = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}"));
        Assert.DoesNotContain(managerId, source["rotation"]!.AsArray().Select(m => m!.GetValue<string>()));
        var joined = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{target.StoreId}"));
        Assert.Equal(managerId, joined["rotation"]!.AsArray()[^1]!.GetValue<string>());

        // The old store's token is refused at once; a refresh gives a token of the new store that works there.
        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync($"/api/managers/{managerId}")).StatusCode);
        var refreshed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Str("refreshToken") }));
        Assert.Equal(target.StoreId, new JsonWebToken(refreshed.Str("accessToken")).GetClaim("store_id").Value);
        using var renewed = fixture.Bearer(refreshed.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await renewed.GetAsync($"/api/managers/{managerId}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await renewed.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
    }

    [Theory]
    [InlineData("manager", "own")]
    [InlineData("frontdesk", "own")]
    [InlineData("designer", "own")]
    [InlineData("supervisor", "other")]
    public async Task OnlyHqAndTheSupervisorOfThePersonsStoreMayMoveOrRemoveThem(string role, string whose)
    {
        var store = await _api.StoreAsync(1, 2);
        var other = await _api.StoreAsync(1, 1);
        var designerId = store.DesignerIds[0][1];
        using var caller = await _api.ClientAsync(role, whose == "own" ? store.StoreId : other.StoreId, role == "manager" ? store.ManagerIds[0] : ApiHarness.NewId("u"));

        Assert.Equal(HttpStatusCode.Forbidden, (await LeaveAsync(caller, designerId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsJsonAsync($"/api/staff/{designerId}/transfer", new
        {
            commandId = ApiHarness.NewCommandId(), storeId = other.StoreId, groupManagerId = other.ManagerIds[0],
        })).StatusCode);

        using var hq = await _api.HqAsync();
        var still = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{designerId}"));
        Assert.Equal(store.StoreId, still.Str("storeId"));
    }

    [Fact]
    public async Task TheSupervisorOfTheStoreMovesADesignerToAnotherStoresGroupAndCannotRemoveASupervisor()
    {
        var store = await _api.StoreAsync(1, 2);
        var target = await _api.StoreAsync(2, 1);
        var designerId = store.DesignerIds[0][1];
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));

        var moved = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/staff/{designerId}/transfer", new
        {
            commandId = ApiHarness.NewCommandId(), storeId = target.StoreId, groupManagerId = target.ManagerIds[1],
        }));

        Assert.Equal(target.ManagerIds[1], moved.Str("groupManagerId"));
        using var hq = await _api.HqAsync();
        var there = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{designerId}"));
        Assert.Equal((target.StoreId, target.ManagerIds[1]), (there.Str("storeId"), there.Str("managerId")));

        var supervisorId = ApiHarness.NewId("sup");
        await fixture.CreateStaffAsync(new { userId = supervisorId, name = "主管", role = "supervisor", storeId = store.StoreId, initialPassword = Initial });
        Assert.Equal(HttpStatusCode.Forbidden, (await LeaveAsync(supervisor, supervisorId)).StatusCode);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await LeaveAsync(hq, supervisorId));
        using var client = _api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountsFixture.SignInAsync(client, supervisorId, Initial)).StatusCode);
    }

    [Fact]
    public async Task BadLeaveAndTransferRequestsAreRefusedNamingTheFieldAndChangeNothing()
    {
        var store = await _api.StoreAsync(2, 1);
        var designerId = store.DesignerIds[0][0];
        using var hq = await _api.HqAsync();
        string Cmd() => ApiHarness.NewCommandId();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await LeaveAsync(hq, ApiHarness.NewId("nobody")), "userId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await LeaveAsync(hq, designerId, new { commandId = Cmd(), effective = "30/11/2026" }), "effective");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await LeaveAsync(hq, designerId, new { effective = "2026-11-30" }), "commandId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync($"/api/staff/{designerId}/transfer", new { commandId = Cmd(), storeId = "bad store!" }), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/staff/{designerId}/transfer", new { commandId = Cmd(), storeId = ApiHarness.NewId("s"), groupManagerId = "m-x" }), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync($"/api/staff/{designerId}/transfer", new { commandId = Cmd(), storeId = store.StoreId }), "groupManagerId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/staff/{designerId}/transfer", new { commandId = Cmd(), storeId = store.StoreId, groupManagerId = ApiHarness.NewId("m") }), "groupManagerId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync($"/api/staff/{store.ManagerIds[0]}/transfer", new { commandId = Cmd(), storeId = store.StoreId }), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await LeaveAsync(hq, store.ManagerIds[0], new { commandId = Cmd(), effective = "2026-11-30", reassignTo = ApiHarness.NewId("m") }), "reassignTo");

        var setup = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}"));
        Assert.Equal(store.ManagerIds, setup["rotation"]!.AsArray().Select(m => m!.GetValue<string>()));
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{designerId}"));
        Assert.Equal(store.ManagerIds[0], designer.Str("managerId"));
    }
}
