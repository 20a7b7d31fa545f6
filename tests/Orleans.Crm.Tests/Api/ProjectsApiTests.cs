using System.Net;
using System.Net.Http.Json;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Projects through the REST API: <c>projectId</c> on the deposit/contract answer and the lead,
/// <c>GET /api/projects/{projectId}</c>, <c>POST /api/projects/{projectId}/complete</c> (replaced by completion acceptance: 409, see ProjectStagesApiTests), and the supervisor's close of a
/// lead holding a deposit (<c>deposit-refunded</c> / <c>deposit-forfeited</c>) — with 400/403/404/409 changing nothing.
/// </summary>
public sealed class ProjectsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task TheDepositAnswerAndTheLeadCarryTheProjectAndTheContractKeepsIt()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, designerId, managerId) = await _api.DispatchedLeadAsync(store);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);

        var deposit = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }));
        var projectId = deposit.Str("projectId");
        var afterDeposit = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/designers/{designerId}"));
        var contract = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c", amount = 200000, signerName = "王小明" }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/leads/{leadId}"));
        var project = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/projects/{projectId}"));

        Assert.EndsWith("-p1", projectId, StringComparison.Ordinal);
        Assert.Equal(projectId, deposit["owner"]!.Str("projectId"));
        Assert.Single(afterDeposit["holding"]!.AsArray());
        Assert.Equal(projectId, contract.Str("projectId"));
        Assert.Equal(projectId, lead.Str("projectId"));
        Assert.Equal(("open", store.StoreId, leadId), (project.Str("status"), project["owner"]!.Str("storeId"), project["owner"]!.Str("leadId")));
        Assert.Equal((5000m, 200000m), (project["depositAmount"]!.GetValue<decimal>(), project["contractAmount"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task CompletionIsRefusedToManagersOtherStoresUnknownProjectsAndDepositOnlyProjectsChangingNothing()
    {
        var store = await _api.StoreAsync(1, 1);
        var other = await _api.StoreAsync(1, 1);
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var otherSupervisor = await _api.ClientAsync("supervisor", other.StoreId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        var projectId = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }))).Str("projectId");
        var customerId = projectId[..projectId.LastIndexOf("-p", StringComparison.Ordinal)];

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/projects/{projectId}/complete", new { commandId = "x1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSupervisor.PostAsJsonAsync($"/api/projects/{projectId}/complete", new { commandId = "x2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSupervisor.GetAsync($"/api/projects/{projectId}")).StatusCode);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.PostAsJsonAsync($"/api/projects/{customerId}-p9/complete", new { commandId = "x3" }), "projectId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.GetAsync("/api/projects/sa-12"), "projectId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/complete", new { }), "commandId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/complete", new { commandId = "x4" }), "projectId");

        var project = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/projects/{projectId}"));
        Assert.Equal("open", project.Str("status"));
    }

    [Theory]
    [InlineData("deposit-refunded")]
    [InlineData("deposit-forfeited")]
    public async Task ASupervisorClosesALeadHoldingADepositWhichReleasesTheCustomer(string reason)
    {
        var store = await _api.StoreAsync(1, 1);
        var other = await _api.StoreAsync(1, 1);
        var phone = ApiHarness.NewPhone();
        var (leadId, designerId, _) = await _api.DispatchedLeadAsync(store, phone);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        var projectId = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }))).Str("projectId");

        var closed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "end", outcome = "lost", reason, note = "moved abroad" }));
        var project = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/projects/{projectId}"));
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/designers/{designerId}"));

        Assert.Equal(("lost", reason, false), (closed.Str("status"), closed.Str("closeReason"), closed["open"]!.GetValue<bool>()));
        Assert.Equal(("released", reason), (project.Str("status"), project.Str("endReason")));
        Assert.Empty(designer["holding"]!.AsArray());

        var (elsewhere, _, _) = await _api.DispatchedLeadAsync(other, phone);
        using var hq = await _api.HqAsync();
        var next = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{elsewhere}/deposit", new { commandId = "d2", amount = 3000, payerName = "王小明" }));
        Assert.EndsWith("-p2", next.Str("projectId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyASupervisorOrHqEndsADepositAndBadClosesChangeNothing()
    {
        var store = await _api.StoreAsync(1, 1);
        var other = await _api.StoreAsync(1, 1);
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        var (plainLead, _, _) = await _api.DispatchedLeadAsync(store);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        using var otherSupervisor = await _api.ClientAsync("supervisor", other.StoreId);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "e1", outcome = "lost", reason = "deposit-refunded" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSupervisor.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "e2", outcome = "lost", reason = "deposit-refunded" })).StatusCode);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "e3", outcome = "invalid", reason = "deposit-refunded" }), "outcome");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "e4", outcome = "lost", reason = "price", analysis = "found it too dear" }), "outcome");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await supervisor.PostAsJsonAsync($"/api/leads/{plainLead}/close", new { commandId = "e5", outcome = "lost", reason = "deposit-forfeited" }), "reason");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.PostAsJsonAsync($"/api/leads/{store.StoreId}-999/close", new { commandId = "e6", outcome = "lost", reason = "deposit-refunded" }), "leadId");

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/leads/{leadId}"));
        var plain = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/leads/{plainLead}"));
        Assert.Equal(("deposit", true), (lead.Str("status"), lead["open"]!.GetValue<bool>()));
        Assert.True(plain["open"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ALeadLostToAnotherSignerIsClosedWithTheOwnerAndHasItsOwnRowInTheLostReport()
    {
        var a = await _api.StoreAsync(1, 1);
        var b = await _api.StoreAsync(1, 1);
        var phone = ApiHarness.NewPhone();
        var (leadA, designerA, managerA) = await _api.DispatchedLeadAsync(a, phone);
        var (leadB, designerB, managerB) = await _api.DispatchedLeadAsync(b, phone);
        using var hq = await _api.HqAsync();
        using var supervisorB = await _api.ClientAsync("supervisor", b.StoreId);

        var won = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadA}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }));
        var closed = await Eventually.GetAsync(
            async () => await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisorB.GetAsync($"/api/leads/{leadB}")),
            l => !l["open"]!.GetValue<bool>(),
            "B's lead is closed as lost to the owner",
            TimeSpan.FromSeconds(5));
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisorB.GetAsync($"/api/designers/{designerB}"));
        var report = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisorB.GetAsync($"/api/stores/{b.StoreId}/reports/lost"));

        var ownedBy = closed["ownedBy"]!;
        Assert.Equal(("lost", "owned-elsewhere"), (closed.Str("status"), closed.Str("closeReason")));
        Assert.Equal((a.StoreId, managerA, designerA, won.Str("projectId")), (ownedBy.Str("storeId"), ownedBy.Str("managerId"), ownedBy.Str("designerId"), ownedBy.Str("projectId")));
        Assert.Equal(won["owner"]!.Str("at"), ownedBy.Str("at"));
        Assert.Empty(designer["holding"]!.AsArray());
        var manager = Assert.Single(report["managers"]!.AsArray(), m => m!.Str("managerId") == managerB)!;
        Assert.Contains(manager["byReason"]!.AsArray(), r => r!.Str("reason") == "owned-elsewhere" && r!["count"]!.GetValue<int>() == 1);
        Assert.Contains(manager["analyses"]!.AsArray(), x => x!.Str("leadId") == leadB && x!["ownedBy"]!.Str("storeId") == a.StoreId);
    }
}
