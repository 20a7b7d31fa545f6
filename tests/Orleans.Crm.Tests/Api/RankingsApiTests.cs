using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// The designers' half-month evaluation over HTTP on a gateway whose clock stands in the first half of November 2026:
/// the supervisor's facts, the ranking by score with every item, running it by hand, corrections with a reason, and a
/// customer's requested grade.
/// </summary>
public sealed class RankingsApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private const string Period = "2026-11-H1";
    private readonly ApiHarness _api = fixture.Api;

    private static JsonObject Designer(JsonObject ranking, string designerId) =>
        ranking["groups"]!.AsArray().SelectMany(g => g!["designers"]!.AsArray()).Single(d => d!.Str("designerId") == designerId)!.AsObject();

    private static decimal Points(JsonObject designer, string item) =>
        designer["items"]!.AsArray().Single(i => i!.Str("item") == item)!["points"]!.GetValue<decimal>();

    [Fact]
    public async Task EnteredFactsScoreByItemAndARunRecordsTheRankingWithItsEffectiveTime()
    {
        var store = await _api.StoreAsync(1, 3);
        var best = store.DesignerIds[0][2];
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        var facts = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync(
            $"/api/designers/{best}/facts/{Period}", new { siteSatisfaction = 80, phonedOwnCustomers = true, lateEarlyAbsent = 1 }));
        var preview = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/rankings?period={Period}"));
        var commandId = ApiHarness.NewCommandId();
        var run = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/stores/{store.StoreId}/rankings/{Period}/run", new { commandId }));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsJsonAsync($"/api/stores/{store.StoreId}/rankings/{Period}/run", new { commandId }));
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/rankings?period={Period}"));

        Assert.Equal((Period, 80), (facts.Str("period"), facts["facts"]!["siteSatisfaction"]!.GetValue<int>()));
        Assert.False(preview["run"]!.GetValue<bool>());
        var scored = Designer(preview, best);

        // 15 × 80 % + 5 − 2 × 1 late arrival
        Assert.Equal((12m, 5m, -2m, 15m, 1), (Points(scored, "site-satisfaction"), Points(scored, "phoned-own-customers"), Points(scored, "fixed-deductions"), scored["score"]!.GetValue<decimal>(), scored["rank"]!.GetValue<int>()));
        Assert.True(run["run"]!.GetValue<bool>());
        Assert.Equal(run["runAt"]!.GetValue<DateTimeOffset>(), retried["runAt"]!.GetValue<DateTimeOffset>()); // a retry is not a second run
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.FromHours(8)), run["effectiveAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(store.ManagerIds[0], run["groups"]![0]!.Str("managerId"));
        Assert.Equal(1, Designer(again, best)["rank"]!.GetValue<int>());
        Assert.Equal(3, Designer(again, best)["previousRank"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("2026-11")]
    [InlineData("2026Q4")]
    [InlineData("2026-13-H1")]
    [InlineData("2026-11-H3")]
    [InlineData("2027-01-H1")] // not begun in the store's calendar
    public async Task ABadOrFuturePeriodIsRefusedNamingThePeriod(string period)
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][0]}/facts/{period}", new { siteSatisfaction = 90 }), "period");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsync($"/api/stores/{store.StoreId}/rankings/{period}/run", null), "period");
        if (!period.StartsWith("2027", StringComparison.Ordinal))
        {
            await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/stores/{store.StoreId}/rankings?period={period}"), "period");
        }

        var ranking = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/rankings?period={Period}"));
        Assert.Equal(0m, Designer(ranking, store.DesignerIds[0][0])["score"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("""{"siteSatisfaction":101}""", "siteSatisfaction")]
    [InlineData("""{"disputes":-1}""", "disputes")]
    [InlineData("""{"phonedOwnCustomers":"maybe"}""", "phonedOwnCustomers")]
    public async Task BadFactsAreRefusedNamingTheFieldAndChangeNothing(string json, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        var designer = store.DesignerIds[0][0];
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsync($"/api/designers/{designer}/facts/{Period}", ApiHarness.RawJson(json)), field);

        var ranking = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/rankings?period={Period}"));
        Assert.Equal("not entered", Designer(ranking, designer)["items"]!.AsArray().Single(i => i!.Str("item") == "site-satisfaction")!.Str("input"));
    }

    [Fact]
    public async Task OnlyTheSupervisorAndHqEnterFactsAndRunTheRankingManagersReadIt()
    {
        var store = await _api.StoreAsync(1, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        using var otherSupervisor = await _api.ClientAsync("supervisor", (await _api.StoreAsync(1, 1)).StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.PutAsJsonAsync($"/api/designers/{store.DesignerIds[0][0]}/facts/{Period}", new { disputes = 1 }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.PostAsync($"/api/stores/{store.StoreId}/rankings/{Period}/run", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherSupervisor.PostAsync($"/api/stores/{store.StoreId}/rankings/{Period}/run", null));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/rankings"));
        var ranking = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/stores/{store.StoreId}/rankings"));

        // Without a period: the store's current half month (by the gateway's clock, the real one here).
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8));
        Assert.Equal(Orleans.Crm.Grains.Model.HalfMonthPeriod.Of(today).ToString(), ranking.Str("period"));
        Assert.False(ranking["run"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AfterARunARankChangeNeedsAReasonAndIsShownAsACorrection()
    {
        var store = await _api.StoreAsync(1, 2);
        var designer = store.DesignerIds[0][1];
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/designers/{designer}/rank", new { rank = 2 }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PostAsync($"/api/stores/{store.StoreId}/rankings/{Period}/run", null));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.PutAsJsonAsync($"/api/designers/{designer}/rank", new { rank = 1 }), "reason");
        Assert.Equal(2, (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/designers/{designer}")))["rank"]!.GetValue<int>());
        var corrected = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/designers/{designer}/rank", new { rank = 1, reason = "top seller last month" }));
        var ranking = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/rankings?period={Period}"));

        Assert.Equal((1, "top seller last month"), (corrected["rank"]!.GetValue<int>(), corrected.Str("rankCorrection")));
        Assert.Equal("top seller last month", Designer(ranking, designer)["correction"]!.Str("reason"));
    }

    [Fact]
    public async Task AVisitAskingForAnExcellentDesignerGoesToOneAndRecordsTheFeeRate()
    {
        var store = TestStore.Create(1, 3);
        using var hq = await _api.HqAsync();
        var excellent = store.DesignerIds[0][2];
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", new
        {
            name = "Store " + store.StoreId,
            groups = new[]
            {
                new
                {
                    managerId = store.ManagerIds[0],
                    managerName = "Manager",
                    designers = store.DesignerIds[0].Select((d, j) => new { designerId = d, name = $"Designer {j}", level = "style", grade = d == excellent ? "excellent" : "ordinary" }),
                },
            },
            rotation = store.ManagerIds,
            rotationStart = "2026-01-01",
            restDays = Array.Empty<string>(),
        }));

        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = ApiHarness.NewCommandId(), name = "韩梅梅", phone = ApiHarness.NewPhone(), requestedGrade = "excellent" }));
        var dispatch = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId = store.ManagerIds[0] }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{visit.Str("leadId")}"));
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/designers/{excellent}"));

        Assert.Equal(excellent, dispatch.Str("designerId"));
        Assert.Equal(("excellent", 30m), (lead.Str("requestedGrade"), lead["designFeeRate"]!.GetValue<decimal>()));
        Assert.Equal("excellent", designer.Str("grade"));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = ApiHarness.NewCommandId(), name = "韩梅梅", phone = ApiHarness.NewPhone(), requestedGrade = "ordinary" }), "requestedGrade");
    }
}
