using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Issue 13's account-manager quarterly score through the REST API (one in-memory gateway, the rules' clock faked in
/// November 2026, so 2026Q4): consultations and contracts as recorded, facts entered by the supervisor, the internal
/// satisfaction survey answered by the store's supervisor and designers, and the score with every term's inputs; with
/// 400/403/404 changing nothing and a retried survey never counted twice.
/// </summary>
public sealed class ManagerScoresApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    private static Dictionary<string, string> Answers(string answer, params (string Item, string Answer)[] except)
    {
        var answers = SurveyItems.Ids.ToDictionary(id => id, _ => answer);
        foreach (var (item, value) in except)
        {
            answers[item] = value;
        }

        return answers;
    }

    private static object Facts(decimal sales = 250_000m, int invitations = 20, int visits = 3, int quarrels = 1) =>
        new { mainMaterialSales = sales, phoneInvitations = invitations, invitedVisits = visits, quarrels };

    private static JsonNode Term(JsonNode card, string term) => card["terms"]!.AsArray().Single(t => t!.Str("term") == term)!;

    private static decimal Dec(JsonNode node, string name) => node[name]!.GetValue<decimal>();

    /// <summary>Signs a contract on a lead dispatched by the rules (as HQ); returns the lead's manager.</summary>
    private async Task<string> SignedLeadAsync(TestStore store, decimal amount)
    {
        var (leadId, _, managerId) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c", amount, signerName = "王小明" }));
        return managerId;
    }

    [Fact]
    public async Task TheScoreShowsEveryTermWithItsInputsFromRecordedAndEnteredFactsAndTheHalfYearStanding()
    {
        var store = await _api.StoreAsync(2, 1);
        var (d0, d1) = (store.DesignerIds[0][0], store.DesignerIds[1][0]);

        // Five consultations of today's duty manager, two of them signed (200,000 + 300,000): 40 % → 35.
        var managers = new List<string> { await SignedLeadAsync(store, 200_000m), await SignedLeadAsync(store, 300_000m) };
        for (var i = 0; i < 3; i++)
        {
            managers.Add((await _api.VisitAsync(store)).Str("managerId"));
        }

        var managerId = Assert.Single(managers.Distinct());
        var otherId = store.ManagerIds.Single(m => m != managerId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var designer0 = await _api.ClientAsync("designer", store.StoreId, d0);
        using var designer1 = await _api.ClientAsync("designer", store.StoreId, d1);

        // Main material 250,000 of the 500,000 signed (50 % → 30); 3 of 20 invited came (15 % → 10); one quarrel (−5).
        var facts = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/managers/{managerId}/facts/2026Q4", Facts()));

        // Survey: supervisor 100; designers 88 (dispatch not fair: 4 instead of 16) and 50 (no answers) → average 69;
        // 0.4·100 + 0.6·69 = 81.4 → 12.21.
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await supervisor.PostAsJsonAsync("/api/surveys", new { commandId = "s", managerId, quarter = "2026Q4", answers = Answers("yes") }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer0.PostAsJsonAsync("/api/surveys", new { commandId = "s", managerId, quarter = "2026Q4", answers = Answers("yes", ("dispatch-fair", "no")) }));
        var form = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer1.PostAsJsonAsync("/api/surveys", new { commandId = "s", managerId, quarter = "2026Q4", answers = Answers("no-answer") }));

        var card = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));

        Assert.Equal(("sup-1", 250_000m), (facts.Str("enteredBy"), Dec(facts["facts"]!, "mainMaterialSales")));
        Assert.Equal((50, d1, "designer"), (form["total"]!.GetValue<int>(), form.Str("respondentId"), form.Str("role")));
        Assert.Equal((managerId, store.StoreId, "2026Q4"), (card.Str("managerId"), card.Str("storeId"), card.Str("quarter")));
        var consultation = Term(card, "consultation");
        Assert.Equal((2m, 5m, 40m, 35m), (Dec(consultation, "numerator"), Dec(consultation, "denominator"), Dec(consultation, "rate"), Dec(consultation, "points")));
        var mainMaterial = Term(card, "main-material");
        Assert.Equal((250_000m, 500_000m, 50m, 30m, 20m), (Dec(mainMaterial, "numerator"), Dec(mainMaterial, "denominator"), Dec(mainMaterial, "rate"), Dec(mainMaterial, "points"), Dec(mainMaterial, "zeroBelow")));
        var phone = Term(card, "phone-invitation");
        Assert.Equal((3m, 20m, 15m, 10m), (Dec(phone, "numerator"), Dec(phone, "denominator"), Dec(phone, "rate"), Dec(phone, "points")));
        Assert.Equal((81.4m, 12.21m), (Dec(Term(card, "satisfaction"), "rate"), Dec(Term(card, "satisfaction"), "points")));
        Assert.Equal(10m, Dec(Term(card, "callbacks"), "points"));
        var survey = card["survey"]!;
        Assert.Equal((100m, 69m, 81.4m), (Dec(survey, "supervisor"), Dec(survey, "designersAverage"), Dec(survey, "average")));
        Assert.Equal(new[] { d0, d1 }.Order(StringComparer.Ordinal), survey["designers"]!.AsArray().Select(d => d!.Str("respondentId")));
        Assert.Equal([0m, 0m, -5m], card["adjustments"]!.AsArray().Select(a => Dec(a!, "points")));
        Assert.Equal((92.21m, true), (Dec(card, "total"), card["excellent"]!.GetValue<bool>()));

        // Q4 ends the half year: Q3 scored 10 each (callbacks, nothing due), so 51.11 against the other manager's 10.
        var half = card["halfYear"]!;
        Assert.Equal(("2026H2", 51.11m, 1, 2, false), (half.Str("halfYear"), Dec(half, "score"), half["rank"]!.GetValue<int>(), half["of"]!.GetValue<int>(), half["flagged"]!.GetValue<bool>()));
        var all = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/manager-scores?quarter=2026Q4"));
        var rows = all["managers"]!.AsArray();
        Assert.Equal([managerId, otherId], rows.Select(r => r!.Str("managerId")));
        Assert.Equal((10m, 2, true, true), (Dec(rows[1]!, "total"), rows[1]!["halfYear"]!["rank"]!.GetValue<int>(), rows[1]!["halfYear"]!["lastRanked"]!.GetValue<bool>(), rows[1]!["halfYear"]!["flagged"]!.GetValue<bool>()));

        // Q3 does not end a half year: no standing.
        var q3 = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q3"));
        Assert.Null(q3["halfYear"]);
        Assert.Equal(10m, Dec(q3, "total"));
    }

    [Fact]
    public async Task ARetriedSurveyIsCountedOnceAndANewFormOfTheSameRespondentReplacesTheirFirst()
    {
        var store = await _api.StoreAsync(1, 2);
        var managerId = store.ManagerIds[0];
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        var body = new { commandId = "form-1", managerId, quarter = "2026Q4", answers = Answers("yes") };

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer.PostAsJsonAsync("/api/surveys", body));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var retry = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer.PostAsJsonAsync("/api/surveys", body));
        var afterRetry = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));
        var second = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer.PostAsJsonAsync("/api/surveys", body with { commandId = "form-2", answers = Answers("no") }));
        var afterSecond = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));

        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.Equal((100, false), (first["total"]!.GetValue<int>(), first["replaced"]!.GetValue<bool>()));
        Assert.Equal(100m, Dec(Assert.Single(afterRetry["survey"]!["designers"]!.AsArray())!, "total"));
        Assert.Equal((25, true), (second["total"]!.GetValue<int>(), second["replaced"]!.GetValue<bool>()));
        Assert.Equal(25m, Dec(Assert.Single(afterSecond["survey"]!["designers"]!.AsArray())!, "total"));
        Assert.Equal(16, first["items"]!.AsArray().Single(i => i!.Str("itemId") == "dispatch-fair")!["points"]!.GetValue<int>());
    }

    [Fact]
    public async Task BadSurveysAreRefusedNamingTheFieldAndTheAllowedValuesAndChangeNothing()
    {
        var store = await _api.StoreAsync(1, 1);
        var managerId = store.ManagerIds[0];
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");

        var unknown = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync("/api/surveys", new { commandId = "a", managerId, quarter = "2026Q4", answers = new Dictionary<string, string>(Answers("yes")) { ["is-nice"] = "yes" } }), "answers");
        var badAnswer = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync("/api/surveys", new { commandId = "b", managerId, quarter = "2026Q4", answers = Answers("yes", ("dispatch-fair", "maybe")) }), "answers.dispatch-fair");
        var missing = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync("/api/surveys", new { commandId = "c", managerId, quarter = "2026Q4", answers = new Dictionary<string, string> { ["dispatch-fair"] = "yes" } }), "answers");
        var badQuarter = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync("/api/surveys", new { commandId = "d", managerId, quarter = "2026-Q4", answers = Answers("yes") }), "quarter");
        var future = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync("/api/surveys", new { commandId = "e", managerId, quarter = "2027Q1", answers = Answers("yes") }), "quarter");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await designer.PostAsJsonAsync("/api/surveys", new { managerId, quarter = "2026Q4", answers = Answers("yes") }), "commandId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await designer.PostAsJsonAsync("/api/surveys", new { commandId = "f", managerId = "m-nobody", quarter = "2026Q4", answers = Answers("yes") }), "managerId");

        Assert.Contains("dispatch-fair", unknown["errors"]!["answers"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("yes, no-answer, no", badAnswer["errors"]!["answers.dispatch-fair"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("missing", missing["errors"]!["answers"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2026Q4", badQuarter["errors"]!["quarter"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not begun", future["errors"]!["quarter"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var card = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));
        Assert.Empty(card["survey"]!["designers"]!.AsArray());
        Assert.Null(card["survey"]!["average"]);
    }

    [Fact]
    public async Task OnlyTheStoresSupervisorAndItsDesignersAnswerTheSurvey()
    {
        var store = await _api.StoreAsync(2, 1);
        var other = await _api.StoreAsync(1, 1);
        var managerId = store.ManagerIds[0];
        var body = new { commandId = "x", managerId, quarter = "2026Q4", answers = Answers("yes") };
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[1]);
        using var hq = await _api.HqAsync();
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId, "fd-1");
        using var otherSupervisor = await _api.ClientAsync("supervisor", other.StoreId, "sup-9");
        using var otherDesigner = await _api.ClientAsync("designer", store.StoreId, other.DesignerIds[0][0]);
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[1][0]);

        foreach (var client in new[] { manager, hq, frontDesk, otherSupervisor, otherDesigner })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/surveys", body)).StatusCode);
        }

        // A designer of another group of the same store answers: the department is the store.
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer.PostAsJsonAsync("/api/surveys", body));
        var items = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync("/api/surveys/items"));
        Assert.Equal(SurveyItems.Ids, items["items"]!.AsArray().Select(i => i!.Str("itemId")));
        Assert.Equal((16, 8, 4), (items["items"]![0]!["yes"]!.GetValue<int>(), items["items"]![0]!["noAnswer"]!.GetValue<int>(), items["items"]![0]!["no"]!.GetValue<int>()));
        var card = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));
        Assert.Equal(store.DesignerIds[1][0], Assert.Single(card["survey"]!["designers"]!.AsArray())!.Str("respondentId"));
    }

    [Fact]
    public async Task FactsAreEnteredBySupervisorOrHqValidatedAndARepeatedPutChangesNothing()
    {
        var store = await _api.StoreAsync(2, 1);
        var other = await _api.StoreAsync(1, 1);
        var managerId = store.ManagerIds[0];
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var otherSupervisor = await _api.ClientAsync("supervisor", other.StoreId, "sup-9");
        using var hq = await _api.HqAsync();
        var url = $"/api/managers/{managerId}/facts/2026Q4";

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync(url, Facts(quarrels: 2)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync(url, Facts(quarrels: 2)));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsJsonAsync(url, Facts(invitations: 5, visits: 6)), "invitedVisits");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsJsonAsync(url, new { phoneInvitations = 1, invitedVisits = 0, quarrels = 0 }), "mainMaterialSales");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsJsonAsync(url, Facts(quarrels: -1)), "quarrels");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsJsonAsync($"/api/managers/{managerId}/facts/2026Q5", Facts()), "quarter");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await supervisor.PutAsJsonAsync("/api/managers/m-nobody/facts/2026Q4", Facts()), "managerId");
        foreach (var client in new[] { manager, designer, otherSupervisor })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(url, Facts(quarrels: 0))).StatusCode);
        }

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        var card = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));
        Assert.Equal((-10m, 2), (Dec(card["adjustments"]![2]!, "points"), card["enteredFacts"]!["facts"]!["quarrels"]!.GetValue<int>()));

        // HQ corrects them: the latest facts count.
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync(url, Facts(quarrels: 0)));
        var corrected = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{managerId}/scores"));
        Assert.Equal(("2026Q4", 0m, "hq"), (corrected.Str("quarter"), Dec(corrected["adjustments"]![2]!, "points"), corrected["enteredFacts"]!.Str("enteredBy")));
    }

    [Fact]
    public async Task AManagerReadsOnlyTheirOwnScoreAndBadQuartersAreRefused()
    {
        var store = await _api.StoreAsync(2, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var otherSupervisor = await _api.ClientAsync("supervisor", (await _api.StoreAsync(1, 1)).StoreId, "sup-9");

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{store.ManagerIds[0]}/scores?quarter=2026Q4"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/managers/{store.ManagerIds[1]}/scores?quarter=2026Q4")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync($"/api/managers/{store.ManagerIds[0]}/scores")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSupervisor.GetAsync($"/api/managers/{store.ManagerIds[0]}/scores")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/stores/{store.StoreId}/manager-scores")).StatusCode);
        var problem = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await manager.GetAsync($"/api/managers/{store.ManagerIds[0]}/scores?quarter=Q4-2026"), "quarter");
        Assert.Contains("YYYYQn", problem["errors"]!["quarter"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCallbackTermCountsTheManagersWeeklyCallbacksDueInTheQuarterDoneOnTime()
    {
        // One group, two designers: two contracts of the same manager, both projects under construction.
        var store = await _api.StoreAsync(1, 2);
        var managerId = store.ManagerIds[0];
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, "sup-1");
        using var manager = await _api.ClientAsync("manager", store.StoreId, managerId);
        using var pm = await _api.ClientAsync("pm", store.StoreId, "pm-1");
        var projects = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
            var contract = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/leads/{leadId}/contract", new { commandId = "c", amount = 100_000, signerName = "王小明" }));
            var projectId = contract.Str("projectId");
            var project = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/projects/{projectId}"));
            foreach (var stage in project["stages"]!.AsArray().Select(s => s!.Str("stage")).TakeWhile(s => s != "crew-in"))
            {
                await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{stage}/start", new { commandId = $"start-{stage}" }));
                await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/projects/{projectId}/stages/{stage}/accept", new { commandId = $"accept-{stage}", customerSigned = true }));
            }

            await ApiHarness.ExpectAsync(HttpStatusCode.OK, await pm.PostAsJsonAsync($"/api/projects/{projectId}/stages/crew-in/start", new { commandId = "crew" }));
            projects.Add(projectId);
        }

        // The first project's weekly callback is made; the second's is not; then both fall due.
        var tasks = (await (await manager.GetAsync("/api/tasks?state=open")).Content.ReadFromJsonAsync<JsonArray>())!;
        var weekly = projects.Select(p => tasks.Single(t => t!.Str("leadId") == p)!).ToList();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/tasks/{weekly[0].Str("taskId")}/done", new { commandId = "w1" }));
        var before = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));
        var due = weekly.Max(t => t["dueAt"]!.GetValue<DateTimeOffset>());
        fixture.Clock.Advance(due - fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1));

        var after = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));

        // Before they fell due nothing counted (full marks); after: 1 of 2 on time, 50 % → 10 − 2·50 → 0.
        Assert.Equal((10m, 0m), (Dec(Term(before, "callbacks"), "points"), Dec(Term(before, "callbacks"), "denominator")));
        var callbacks = Term(after, "callbacks");
        Assert.Equal((1m, 2m, 50m, 0m), (Dec(callbacks, "numerator"), Dec(callbacks, "denominator"), Dec(callbacks, "rate"), Dec(callbacks, "points")));

        // Two consultations, both signed (100 %: 35, and the +10 bonus from 60 %).
        Assert.Equal((2m, 2m, 35m), (Dec(Term(after, "consultation"), "numerator"), Dec(Term(after, "consultation"), "denominator"), Dec(Term(after, "consultation"), "points")));
        Assert.True(after["adjustments"]![0]!["applies"]!.GetValue<bool>());
    }
}
