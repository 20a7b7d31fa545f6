using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Accounts;

/// <summary><c>POST /api/staff</c> on PostgreSQL: who may create whom, placement in the store, first sign-in (issue 16).</summary>
public sealed class StaffAccountsTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string Initial = "Initial-Pass1";

    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task HqCreatesADesignerInAManagersGroupWithRankAndGradeWhoSignsInAndSeesTheirOwnRecord()
    {
        var store = await _api.StoreAsync(2, 2);
        var userId = ApiHarness.NewId("d");

        var created = await fixture.CreateStaffAsync(new
        {
            userId, name = "设计师 小王", role = "designer", storeId = store.StoreId, groupManagerId = store.ManagerIds[1],
            rank = 1, grade = "excellent", initialPassword = Initial,
        });

        Assert.Equal(store.ManagerIds[1], created.Str("groupManagerId"));
        Assert.Equal(1, created["rank"]!.GetValue<int>());
        Assert.Equal("excellent", created.Str("grade"));
        Assert.True(created["passwordChangeRequired"]!.GetValue<bool>());
        using var hq = await _api.HqAsync();
        var inStore = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{userId}"));
        Assert.Equal(store.StoreId, inStore.Str("storeId"));
        Assert.Equal(store.ManagerIds[1], inStore.Str("managerId"));
        Assert.Equal(1, inStore["rank"]!.GetValue<int>());
        Assert.Equal("style", inStore.Str("level"));
        using var client = _api.Anonymous();
        var tokens = await AccountsFixture.FirstSignInAsync(client, userId, Initial, "Designer-Own1");
        var token = new JsonWebToken(tokens.Str("accessToken"));
        Assert.Equal("designer", token.GetClaim("role").Value);
        Assert.Equal(store.StoreId, token.GetClaim("store_id").Value);
        using var designer = fixture.Bearer(tokens.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/designers/{userId}"));
    }

    [Fact]
    public async Task ASupervisorCreatesAnAccountManagerForTheirStoreWhoLeadsANewGroupAndJoinsTheRotation()
    {
        var store = await _api.StoreAsync(1, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));
        var userId = ApiHarness.NewId("m");

        var response = await supervisor.PostAsJsonAsync("/api/staff", new { userId, name = "客户经理 小张", role = "manager", storeId = store.StoreId, initialPassword = Initial });

        var created = await ApiHarness.ExpectAsync(HttpStatusCode.Created, response);
        Assert.Equal(userId, created.Str("groupManagerId"));
        Assert.Equal($"/api/staff/{userId}", response.Headers.Location?.OriginalString);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{userId}"));
        var setup = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}"));
        Assert.Contains(userId, setup["rotation"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains(userId, setup["groups"]!.AsArray().Select(g => g!.Str("managerId")));

        // A designer can now join the new manager's group.
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await supervisor.PostAsJsonAsync("/api/staff", new
        {
            userId = ApiHarness.NewId("d"), name = "设计师 小陈", role = "designer", storeId = store.StoreId, groupManagerId = userId, initialPassword = Initial,
        }));
    }

    [Theory]
    [InlineData("supervisor", "other-store", "frontdesk")]
    [InlineData("supervisor", "own-store", "supervisor")]
    [InlineData("supervisor", "own-store", "hq")]
    [InlineData("manager", "own-store", "frontdesk")]
    [InlineData("frontdesk", "own-store", "frontdesk")]
    [InlineData("designer", "own-store", "designer")]
    public async Task OnlyHqAndTheStoresSupervisorForTheRolesTheyManageMayCreateStaff(string callerRole, string target, string role)
    {
        var store = await _api.StoreAsync(1, 1);
        var other = await _api.StoreAsync(1, 1);
        using var caller = await _api.ClientAsync(callerRole, store.StoreId, callerRole == "manager" ? store.ManagerIds[0] : ApiHarness.NewId("u"));
        var userId = ApiHarness.NewId("p");

        var response = await caller.PostAsJsonAsync("/api/staff", new
        {
            userId, name = "某人", role, storeId = target == "own-store" ? store.StoreId : other.StoreId,
            groupManagerId = role == "designer" ? store.ManagerIds[0] : null, initialPassword = Initial,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var client = _api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountsFixture.SignInAsync(client, userId, Initial)).StatusCode);
    }

    [Fact]
    public async Task HqCreatesSupervisorsAndChainWideCustomerService()
    {
        var store = await _api.StoreAsync(1, 1);
        var supervisorId = ApiHarness.NewId("sup");
        var serviceId = ApiHarness.NewId("svc");

        await fixture.CreateStaffAsync(new { userId = supervisorId, name = "主管", role = "supervisor", storeId = store.StoreId, initialPassword = Initial });
        var service = await fixture.CreateStaffAsync(new { userId = serviceId, name = "总部客服", role = "service", initialPassword = Initial });

        Assert.Null(service["storeId"]);
        using var client = _api.Anonymous();
        var tokens = await AccountsFixture.FirstSignInAsync(client, serviceId, Initial, "Service-Own1");
        Assert.False(new JsonWebToken(tokens.Str("accessToken")).TryGetClaim("store_id", out _));
    }

    [Fact]
    public async Task BadStaffRequestsAreRefusedNamingTheFieldAndCreateNothing()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();
        var userId = ApiHarness.NewId("d");
        object Designer(object? groupManagerId, string password = Initial, string role = "designer", string? storeId = "same") => new
        {
            userId, name = "设计师", role, storeId = storeId == "same" ? store.StoreId : storeId, groupManagerId, initialPassword = password,
        };

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync("/api/staff", Designer(null)), "groupManagerId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync("/api/staff", Designer(ApiHarness.NewId("m"))), "groupManagerId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync("/api/staff", Designer(store.ManagerIds[0], "weak")), "initialPassword");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync("/api/staff", Designer(store.ManagerIds[0], role: "display")), "role");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync("/api/staff", Designer(store.ManagerIds[0], storeId: null)), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync("/api/staff", Designer(store.ManagerIds[0], role: "frontdesk")), "groupManagerId");

        Assert.Equal(HttpStatusCode.NotFound, (await hq.GetAsync($"/api/designers/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hq.GetAsync($"/api/staff/{userId}")).StatusCode);
        using var client = _api.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountsFixture.SignInAsync(client, userId, Initial)).StatusCode);
    }

    [Fact]
    public async Task AUserIdIsTakenOnce()
    {
        var store = await _api.StoreAsync(1, 1);
        var userId = ApiHarness.NewId("fd");
        var body = new { userId, name = "前台", role = "frontdesk", storeId = store.StoreId, initialPassword = Initial };
        await fixture.CreateStaffAsync(body);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await hq.PostAsJsonAsync("/api/staff", body), "userId");
    }

    [Fact]
    public async Task DesignersCreatedAtOnceForOneGroupAllJoinItBecauseTheStoreGrainPlacesEachInItsOwnTurn()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();
        var ids = Enumerable.Range(0, 6).Select(_ => ApiHarness.NewId("d")).ToList();

        var responses = await Task.WhenAll(ids.Select(id => hq.PostAsJsonAsync("/api/staff", new
        {
            userId = id, name = "设计师 " + id, role = "designer", storeId = store.StoreId, groupManagerId = store.ManagerIds[0], initialPassword = Initial,
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var setup = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}"));
        var inGroup = setup["groups"]![0]!["designers"]!.AsArray().Select(d => d!.Str("designerId")).ToList();
        Assert.Superset(ids.ToHashSet(), inGroup.ToHashSet());
        Assert.Equal(1 + ids.Count, inGroup.Count);
    }

    [Fact]
    public async Task AnHqAccountThatHasNotSetItsOwnPasswordDoesNotOpenTheDashboard()
    {
        var userId = ApiHarness.NewId("hq");
        await fixture.CreateStaffAsync(new { userId, name = "总部 新人", role = "hq", initialPassword = Initial });
        using var client = _api.Anonymous();
        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Initial));

        using var waiting = fixture.Bearer(first.Str("accessToken"));
        Assert.Equal(HttpStatusCode.Forbidden, (await waiting.GetAsync("/dashboard")).StatusCode);

        var own = await AccountsFixture.FirstSignInAsync(client, userId, Initial, "Hq-Own-Pass1");
        using var ready = fixture.Bearer(own.Str("accessToken"));
        Assert.NotEqual(HttpStatusCode.Forbidden, (await ready.GetAsync("/dashboard")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await ready.GetAsync("/dashboard")).StatusCode);
    }
}
