using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

public sealed class LeadsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task AManagerDispatchesByTheRulesAndGetsTheExplanation()
    {
        var store = await _api.StoreAsync(2, 2);
        var visit = await _api.VisitAsync(store);
        var managerId = visit.Str("managerId");
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK,
            await manager.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId }));

        var group = store.ManagerIds.ToList().IndexOf(managerId);
        Assert.Equal("dispatched", body.Str("result"));
        Assert.Equal(store.DesignerIds[group][0], body.Str("designerId"));
        Assert.False(body["crossGroup"]!.GetValue<bool>());
        Assert.False(body["override"]!.GetValue<bool>());
        Assert.NotEmpty(body["explanation"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(body.Str("summary")));
    }

    [Fact]
    public async Task TheSuggestionNamesTheDesignerWithoutDispatching()
    {
        var store = await _api.StoreAsync(1, 2);
        var visit = await _api.VisitAsync(store);
        var leadId = visit.Str("leadId");
        using var hq = await _api.HqAsync();

        var suggestion = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}/suggestion?managerId={visit.Str("managerId")}"));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));

        Assert.Equal(store.DesignerIds[0][0], suggestion.Str("designerId"));
        Assert.Null(lead["designerId"]?.GetValue<string>());
    }

    [Fact]
    public async Task RetryingADispatchWithTheSameCommandIdReturnsTheSameBodyAndFillsOneSlot()
    {
        var store = await _api.StoreAsync(1, 1);
        var visit = await _api.VisitAsync(store);
        using var hq = await _api.HqAsync();
        var request = new { commandId = ApiHarness.NewCommandId(), managerId = visit.Str("managerId") };

        var first = await hq.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", request);
        var second = await hq.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", request);
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{store.DesignerIds[0][0]}"));

        Assert.Equal((await ApiHarness.ExpectAsync(HttpStatusCode.OK, first)).ToJsonString(), (await ApiHarness.ExpectAsync(HttpStatusCode.OK, second)).ToJsonString());
        Assert.Single(designer["holding"]!.AsArray());
    }

    [Fact]
    public async Task ASecondDispatchOfADispatchedLeadIsAConflict()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict,
            await hq.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId }), "leadId");
    }

    [Fact]
    public async Task WhenNobodyIsEligibleTheLeadIsQueuedWith409AndTheExplanation()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][0]}/presence", new { present = false }));
        var visit = await _api.VisitAsync(store);

        var response = await hq.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId = visit.Str("managerId") });

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("queued", body.Str("result"));
        Assert.NotEmpty(body["explanation"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(body.Str("summary")));
    }

    [Fact]
    public async Task AnOverrideToAFullDesignerIsRejectedWith409()
    {
        var store = await _api.StoreAsync(1, 2);
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][1]}/rank", new { rank = 5 }));
        var (_, first, managerId) = await _api.DispatchedLeadAsync(store);
        var full = store.DesignerIds[0][1];
        var visit = await _api.VisitAsync(store);
        var lead = visit.Str("leadId");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{lead}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId, designerId = full, reason = "customer asked" }));
        var third = (await _api.VisitAsync(store)).Str("leadId");

        var response = await hq.PostAsJsonAsync($"/api/leads/{third}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId, designerId = full, reason = "customer asked again" });

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, response);
        Assert.Equal("rejected", body.Str("result"));
        Assert.NotEqual(first, full);
    }

    [Fact]
    public async Task AnOverrideWithoutAReasonIsRefusedNamingTheReason()
    {
        var store = await _api.StoreAsync(1, 2);
        var visit = await _api.VisitAsync(store);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest,
            await hq.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", new { commandId = "c1", managerId = visit.Str("managerId"), designerId = store.DesignerIds[0][1] }), "reason");
    }

    [Fact]
    public async Task AManagerMayNotDispatchInAnotherManagersName()
    {
        var store = await _api.StoreAsync(2, 1);
        var visit = await _api.VisitAsync(store);
        var other = store.ManagerIds.First(m => m != visit.Str("managerId"));
        using var manager = await _api.ClientAsync("manager", store.StoreId, other);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden,
            await manager.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", new { commandId = "c1", managerId = visit.Str("managerId") }));
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("manager")]
    [InlineData("frontdesk")]
    [InlineData("designer")]
    public async Task StaffOfAnotherStoreMayNotTouchALead(string role)
    {
        var theirs = await _api.StoreAsync(1, 1);
        var mine = await _api.StoreAsync(1, 1);
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(theirs);
        using var client = await _api.ClientAsync(role, mine.StoreId, role == "manager" ? managerId : role == "designer" ? theirs.DesignerIds[0][0] : null);
        var command = new { commandId = "c1", managerId, amount = 1000, payerName = "王小明", signerName = "王小明", outcome = "lost", on = true, note = "n", reason = "r" };

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/leads/{leadId}"));
        foreach (var action in new[] { "dispatch", "deposit", "contract", "close", "measurement", "fee-handed", "key-follow-up", "follow-ups", "refuse" })
        {
            var response = await client.PostAsJsonAsync($"/api/leads/{leadId}/{action}", command);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} {action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("deposit")]
    [InlineData("contract")]
    [InlineData("close")]
    [InlineData("measurement")]
    [InlineData("fee-handed")]
    [InlineData("key-follow-up")]
    [InlineData("dispatch")]
    public async Task FrontDeskAndDesignersMayNotWorkLeads(string action)
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, designerId, managerId) = await _api.DispatchedLeadAsync(store);
        var command = new { commandId = "c1", managerId, amount = 1000, payerName = "王小明", signerName = "王小明", outcome = "lost", on = true };

        foreach (var (role, user) in new[] { ("frontdesk", (string?)null), ("designer", designerId) })
        {
            using var client = await _api.ClientAsync(role, store.StoreId, user);
            await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PostAsJsonAsync($"/api/leads/{leadId}/{action}", command));
        }
    }

    [Fact]
    public async Task DesignersSeeFullDetailsOnlyOfTheLeadsTheyHold()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, holder, _) = await _api.DispatchedLeadAsync(store, "13812345678");
        var other = store.DesignerIds[0].First(d => d != holder);
        using var holding = await _api.ClientAsync("designer", store.StoreId, holder);
        using var notHolding = await _api.ClientAsync("designer", store.StoreId, other);

        var full = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await holding.GetAsync($"/api/leads/{leadId}"));
        var masked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await notHolding.GetAsync($"/api/leads/{leadId}"));

        Assert.Equal("王小明", full.Str("name"));
        Assert.Equal("13812345678", full.Str("phone"));
        Assert.Equal("王**", masked.Str("name"));
        Assert.Equal("138****5678", masked.Str("phone"));
    }

    [Fact]
    public async Task TheHoldingDesignerRecordsAFollowUp()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, holder, _) = await _api.DispatchedLeadAsync(store);
        using var designer = await _api.ClientAsync("designer", store.StoreId, holder);

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/leads/{leadId}/follow-ups", new { commandId = "f1", note = "Called: measuring Saturday" }));

        var followUp = Assert.Single(lead["followUps"]!.AsArray())!;
        Assert.Equal(holder, followUp.Str("byUserId"));
    }

    [Fact]
    public async Task ADesignerWhoDoesNotHoldTheLeadMayNotFollowItUpOrRefuseIt()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, holder, _) = await _api.DispatchedLeadAsync(store);
        var other = store.DesignerIds[0].First(d => d != holder);
        using var designer = await _api.ClientAsync("designer", store.StoreId, other);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await designer.PostAsJsonAsync($"/api/leads/{leadId}/follow-ups", new { commandId = "f1", note = "n" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await designer.PostAsJsonAsync($"/api/leads/{leadId}/refuse", new { commandId = "r1", reason = "too small" }));
    }

    [Fact]
    public async Task TheHoldingDesignerRefusesAndTheLeadGoesToTheNextDesigner()
    {
        var store = await _api.StoreAsync(1, 2);
        var (leadId, holder, _) = await _api.DispatchedLeadAsync(store);
        using var designer = await _api.ClientAsync("designer", store.StoreId, holder);

        var outcome = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.PostAsJsonAsync($"/api/leads/{leadId}/refuse", new { commandId = "r1", reason = "flat too small" }));
        var refusing = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/designers/{holder}"));

        Assert.NotEqual(holder, outcome["designerId"]?.GetValue<string>());
        Assert.Equal(1, refusing["refusals"]!.GetValue<int>());
        Assert.Empty(refusing["holding"]!.AsArray());
    }

    [Fact]
    public async Task TheFirstDepositOwnsTheCustomerAndTheOtherStoresDepositIsToldWho()
    {
        var a = await _api.StoreAsync(1, 1);
        var b = await _api.StoreAsync(1, 1);
        var phone = ApiHarness.NewPhone();
        var (leadA, designerA, managerA) = await _api.DispatchedLeadAsync(a, phone);
        var (leadB, _, _) = await _api.DispatchedLeadAsync(b, phone);
        using var supervisorA = await _api.ClientAsync("supervisor", a.StoreId);
        using var supervisorB = await _api.ClientAsync("supervisor", b.StoreId);

        var won = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisorA.PostAsJsonAsync($"/api/leads/{leadA}/deposit", new { commandId = "d1", amount = 5000, payerName = "王小明" }));
        var lostResponse = await supervisorB.PostAsJsonAsync($"/api/leads/{leadB}/deposit", new { commandId = "d1", amount = 5000, payerName = "王小明" });

        Assert.True(won["accepted"]!.GetValue<bool>());
        Assert.Equal(leadA, won["owner"]!.Str("leadId"));
        var lost = await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, lostResponse);
        Assert.Equal("application/problem+json", lostResponse.Content.Headers.ContentType?.MediaType);
        var owner = lost["owner"]!;
        Assert.Equal(a.StoreId, owner.Str("storeId"));
        Assert.Equal(managerA, owner.Str("managerId"));
        Assert.Equal(designerA, owner.Str("designerId"));
        Assert.NotNull(owner["at"]);
        Assert.False(string.IsNullOrEmpty(lost.Str("message")));
    }

    [Fact]
    public async Task RetryingADepositWithTheSameCommandIdRecordsItOnce()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();
        var request = new { commandId = ApiHarness.NewCommandId(), amount = 5000, payerName = "王小明" };

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/deposit", request));
        var second = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/deposit", request));
        var another = await hq.PostAsJsonAsync($"/api/leads/{leadId}/deposit", request with { commandId = ApiHarness.NewCommandId() });

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, another, "leadId");
    }

    [Fact]
    public async Task DepositThenAContractInTheSameNameSignsTheLeadAndFreesTheSlot()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, designerId, managerId) = await _api.DispatchedLeadAsync(store);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId = "d", amount = 5000, payerName = "王小明" }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest,
            await manager.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c0", amount = 200000, signerName = "李四" }), "signerName");
        var signed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c1", amount = 200000, signerName = "王小明" }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/leads/{leadId}"));
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/designers/{designerId}"));

        Assert.True(signed["accepted"]!.GetValue<bool>());
        Assert.Equal("signed", lead.Str("status"));
        Assert.Equal("red", lead.Str("colour"));
        Assert.Empty(designer["holding"]!.AsArray());
    }

    [Theory]
    [InlineData("deposit", """{"commandId":"c","amount":0,"payerName":"A"}""", "amount")]
    [InlineData("deposit", """{"commandId":"c","amount":100000001,"payerName":"A"}""", "amount")]
    [InlineData("deposit", """{"commandId":"c","amount":100}""", "payerName")]
    [InlineData("deposit", """{"amount":100,"payerName":"A"}""", "commandId")]
    [InlineData("contract", """{"commandId":"c","amount":-1,"signerName":"A"}""", "amount")]
    [InlineData("contract", """{"commandId":"c","amount":100}""", "signerName")]
    [InlineData("close", """{"commandId":"c"}""", "outcome")]
    [InlineData("close", """{"commandId":"c","outcome":"won"}""", "outcome")]
    [InlineData("measurement", """{"commandId":"c","fee":0}""", "fee")]
    [InlineData("key-follow-up", """{"commandId":"c"}""", "on")]
    [InlineData("follow-ups", """{"commandId":"c","note":""}""", "note")]
    [InlineData("refuse", """{"commandId":"c"}""", "reason")]
    [InlineData("dispatch", """{"commandId":"c","managerId":"not valid!"}""", "managerId")]
    [InlineData("fee-handed", """{}""", "commandId")]
    public async Task InvalidLeadCommandsAreRefusedNamingTheFieldAndChangeNothing(string action, string json, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();
        var before = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsync($"/api/leads/{leadId}/{action}", ApiHarness.RawJson(json)), field);

        var after = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task ANoteLongerThan2000CharactersIsRefused()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest,
            await hq.PostAsJsonAsync($"/api/leads/{leadId}/follow-ups", new { commandId = "c", note = new string('n', 2001) }), "note");
    }

    [Theory]
    [InlineData("dispatch")]
    [InlineData("deposit")]
    [InlineData("contract")]
    [InlineData("close")]
    [InlineData("measurement")]
    [InlineData("fee-handed")]
    [InlineData("key-follow-up")]
    [InlineData("follow-ups")]
    [InlineData("refuse")]
    public async Task CommandsOnAnUnknownLeadAre404(string action)
    {
        using var hq = await _api.HqAsync();
        var command = new { commandId = "c1", managerId = "m1", designerId = "d1", amount = 1000, payerName = "A", signerName = "A", outcome = "lost", on = true, note = "n", reason = "r" };

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/leads/{ApiHarness.NewId("l")}/{action}", command), "leadId");
    }

    [Fact]
    public async Task UnknownLeadsAre404OnReadsToo()
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/leads/{ApiHarness.NewId("l")}"), "leadId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/leads/{ApiHarness.NewId("l")}/suggestion?managerId=m1"), "leadId");
    }

    [Fact]
    public async Task AnUnclaimedPoolLeadCannotBeDispatched()
    {
        var leadId = await _api.PoolLeadAsync();
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict,
            await hq.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = "c1", managerId = "m1" }), "leadId");
    }

    [Fact]
    public async Task ClosingALeadFreesTheDesignersSlotAndAClosedLeadCannotBeClosedAgain()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, designerId, _) = await _api.DispatchedLeadAsync(store);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        var closed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "x1", outcome = "invalid", reason = "other", note = "wrong number" }));
        var again = await supervisor.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = "x2", outcome = "lost", reason = "price", analysis = "too dear" });
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/designers/{designerId}"));

        Assert.Equal("invalid", closed.Str("status"));
        Assert.Equal("yellow", closed.Str("colour"));
        Assert.False(closed["open"]!.GetValue<bool>());
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, again, "leadId");
        Assert.Empty(designer["holding"]!.AsArray());
    }

    [Fact]
    public async Task MeasurementWithAFeeThenTheFeeHandedToFinance()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, await manager.PostAsJsonAsync($"/api/leads/{leadId}/fee-handed", new { commandId = "h0" }), "leadId");
        var measured = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/measurement", new { commandId = "m1", fee = 300 }));
        var handed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/fee-handed", new { commandId = "h1" }));

        Assert.Equal("measured", measured.Str("status"));
        Assert.Equal("blue", measured.Str("colour"));
        Assert.False(measured["measurementFee"]!["handedToFinance"]!.GetValue<bool>());
        Assert.True(handed["measurementFee"]!["handedToFinance"]!.GetValue<bool>());
    }

    [Fact]
    public async Task KeyFollowUpTurnsTheLeadRoseRed()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/key-follow-up", new { commandId = "k1", on = true }));

        Assert.Equal("keyFollowUp", lead.Str("status"));
        Assert.Equal("rose", lead.Str("colour"));
    }

    [Fact]
    public async Task ReusingACommandIdForADifferentActionIsNotMistakenForARetry()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();
        var commandId = ApiHarness.NewCommandId();

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/deposit", new { commandId, amount = 5000, payerName = "王小明" }));
        var signed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId, amount = 90000, signerName = "王小明" }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));

        Assert.True(signed["accepted"]!.GetValue<bool>());
        Assert.Equal("signed", lead.Str("status"));
    }
}
