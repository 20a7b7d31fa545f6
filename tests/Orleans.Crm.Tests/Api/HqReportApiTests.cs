using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// GET /api/reports/hq against a scripted set of leads over two store-local weeks on a fake clock (the fixture starts
/// on Tuesday 2026-11-03 10:00 in Shanghai, ISO week 2026-W45): every number worked out by hand.
/// </summary>
public sealed class HqReportApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task TheHqReportCountsTwoScriptedWeeksPerStoreAndGroupWithConversionByTheWeekALeadCame()
    {
        // Two groups of one designer each (rank 1: cap 2 in the normal season), so a third dispatch goes cross-group.
        var store = await Api.StoreAsync(groups: 2, designers: 1);
        using var hq = await Api.HqAsync();

        // Week 1 (2026-W45): four visits, all handed to the day's on-duty manager.
        var l1 = await Api.VisitAsync(store, name: "王一");
        var l2 = await Api.VisitAsync(store, name: "王二");
        var l3 = await Api.VisitAsync(store, name: "王三");
        var l4 = await Api.VisitAsync(store, name: "王四");
        var manager = l1.Str("managerId");
        var group = store.ManagerIds.ToList().IndexOf(manager);
        Assert.All(new[] { l2, l3, l4 }, v => Assert.Equal(manager, v.Str("managerId")));

        Assert.Equal(store.DesignerIds[group][0], await DispatchAsync(hq, l1.Str("leadId"), manager));
        Assert.Equal(store.DesignerIds[group][0], await DispatchAsync(hq, l2.Str("leadId"), manager));
        Assert.Equal(store.DesignerIds[1 - group][0], await DispatchAsync(hq, l3.Str("leadId"), manager));
        await PostAsync(hq, $"/api/leads/{l1.Str("leadId")}/measurement", new { });
        await PostAsync(hq, $"/api/leads/{l1.Str("leadId")}/deposit", new { amount = 5000, payerName = "王一" });
        await PostAsync(hq, $"/api/leads/{l1.Str("leadId")}/contract", new { amount = 120000, signerName = "王一" });
        await PostAsync(hq, $"/api/leads/{l2.Str("leadId")}/measurement", new { fee = 200 });
        await PostAsync(hq, $"/api/leads/{l3.Str("leadId")}/close", new { outcome = "invalid", reason = "no-need" });
        await PostAsync(hq, $"/api/leads/{l4.Str("leadId")}/close", new { outcome = "lost", reason = "price", analysis = "嫌贵" });

        // A complaint whose department notice (10 min) is missed: the desk's sweep 15 minutes later records the breach.
        var complaint = await hq.PostAsJsonAsync("/api/complaints", new { commandId = ApiHarness.NewCommandId(), phone = ApiHarness.NewPhone(), storeId = store.StoreId, channel = "phone", summary = "工地噪音" });
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, complaint);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        await Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IComplaintDeskGrain>(store.StoreId)
            .AsReference<IRemindable>().ReceiveReminder(ComplaintDeskGrain.SweepReminder, default);

        // Week 2 (2026-W46): the week-1 lead L2 pays its deposit; a new visit is dispatched by an override and measured.
        fixture.Clock.Advance(TimeSpan.FromDays(7));
        await PostAsync(hq, $"/api/leads/{l2.Str("leadId")}/deposit", new { amount = 3000, payerName = "王二" });
        var l5 = await Api.VisitAsync(store, name: "王五");
        var response = await hq.PostAsJsonAsync($"/api/leads/{l5.Str("leadId")}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId = l5.Str("managerId"), designerId = store.DesignerIds[1 - group][0], reason = "客户点名" });
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, response);
        await PostAsync(hq, $"/api/leads/{l5.Str("leadId")}/measurement", new { });

        var report = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/reports/hq?storeId={store.StoreId}"));
        Assert.Equal(12, report["weekCount"]!.GetValue<int>());
        var s = Assert.Single(report["stores"]!.AsArray())!;
        Assert.Equal((store.StoreId, "Asia/Shanghai"), (s.Str("storeId"), s.Str("timeZone")));
        var weeks = s["figures"]!["weeks"]!.AsArray();
        Assert.Equal(12, weeks.Count);
        Assert.Equal(("2026-W45", "2026-W46"), (weeks[10]!.Str("week"), weeks[11]!.Str("week")));
        Assert.All(weeks.Take(10), w => Assert.Equal(0, w!["figures"]!["leads"]!.GetValue<int>()));

        // Week 1: 4 leads, 3 dispatches (2 own group, 1 cross group); of its leads 2 measured, 2 with a deposit (L2's came
        // in week 2), 1 contract; 1 lost for price, 1 invalid; 1 complaint, 1 breach (department not notified).
        var w1 = weeks[10]!["figures"]!;
        Assert.Equal((4, 3), (Int(w1, "leads"), Int(w1, "dispatches")));
        Assert.Equal(new Dictionary<string, int> { ["own-group"] = 2, ["cross-group"] = 1, ["return-customer"] = 0, ["override"] = 0 }, Kinds(w1));
        Assert.Equal((2, 2, 1), (Int(w1, "measured"), Int(w1, "deposits"), Int(w1, "contracts")));
        Assert.Equal((50.0, 50.0, 25.0), (Dbl(w1, "measurementRate"), Dbl(w1, "depositRate"), Dbl(w1, "contractRate")));
        Assert.Equal(120000m, w1["contractAmount"]!.GetValue<decimal>());
        Assert.Equal((1, 1), (Int(w1, "lost"), Int(w1, "invalid")));
        Assert.Equal("price:1", string.Join(",", w1["lostReasons"]!.AsArray().Select(r => $"{r!.Str("reason")}:{r!["count"]}")));
        Assert.Equal((1, 1), (Int(w1, "complaints"), Int(w1, "breaches")));
        Assert.Equal("department-notified:1", string.Join(",", w1["breachesByStep"]!.AsArray().Select(r => $"{r!.Str("step")}:{r!["count"]}")));

        // Week 2: 1 lead, 1 override dispatch, measured (100 %), no deposit or contract yet.
        var w2 = weeks[11]!["figures"]!;
        Assert.Equal((1, 1, 1, 0, 0), (Int(w2, "leads"), Int(w2, "dispatches"), Int(w2, "measured"), Int(w2, "deposits"), Int(w2, "contracts")));
        Assert.Equal(1, Kinds(w2)["override"]);
        Assert.Equal((100.0, 0.0, 0.0), (Dbl(w2, "measurementRate"), Dbl(w2, "depositRate"), Dbl(w2, "contractRate")));

        // The totals of the twelve weeks: 5 leads, 3 measured (60 %), 2 deposits (40 %), 1 contract (20 %).
        var totals = s["figures"]!["totals"]!;
        Assert.Equal((5, 4, 3, 2, 1), (Int(totals, "leads"), Int(totals, "dispatches"), Int(totals, "measured"), Int(totals, "deposits"), Int(totals, "contracts")));
        Assert.Equal((60.0, 40.0, 20.0), (Dbl(totals, "measurementRate"), Dbl(totals, "depositRate"), Dbl(totals, "contractRate")));

        // Groups: the on-duty manager's group is credited with its four leads and three dispatches (the cross-group one
        // included); the other group has its set-up name. Every lead belongs to exactly one group.
        var groups = s["groups"]!.AsArray();
        Assert.Equal(store.ManagerIds, groups.Take(2).Select(g => g!.Str("managerId")));
        var mine = groups.Single(g => g!["managerId"]?.GetValue<string>() == manager)!;
        Assert.Equal($"Manager {group}", mine.Str("managerName"));
        var mineW1 = mine["figures"]!["weeks"]![10]!["figures"]!;
        Assert.Equal((4, 3, 0), (Int(mineW1, "leads"), Int(mineW1, "dispatches"), Int(mineW1, "complaints")));
        Assert.Equal(5, groups.Sum(g => Int(g!["figures"]!["totals"]!, "leads")));
        Assert.Equal(1, groups.Single(g => g!["managerId"]?.GetValue<string>() == l5.Str("managerId"))!["figures"]!["weeks"]![11]!["figures"]!["leads"]!.GetValue<int>());

        // The chain (HQ without a store) lists the store with the same figures and adds it into the chain's weeks.
        var chain = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync("/api/reports/hq?weeks=2"));
        Assert.Null(chain["storeId"]);
        var listed = chain["stores"]!.AsArray().Single(x => x!.Str("storeId") == store.StoreId)!;
        Assert.Equal(4, Int(listed["figures"]!["weeks"]![0]!["figures"]!, "leads"));
        Assert.True(Int(chain["chain"]!["weeks"]![0]!["figures"]!, "leads") >= 4);
        Assert.Equal(2, chain["chain"]!["weeks"]!.AsArray().Count);
    }

    [Fact]
    public async Task ASupervisorReadsTheirOwnStoreByDefaultAndNoOtherStore()
    {
        var store = await Api.StoreAsync(groups: 1, designers: 1);
        var elsewhere = await Api.StoreAsync(groups: 1, designers: 1);
        await Api.VisitAsync(store);
        using var supervisor = await Api.ClientAsync("supervisor", store.StoreId, "sup-1");

        var own = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync("/api/reports/hq"));
        Assert.Equal(store.StoreId, own.Str("storeId"));
        Assert.Equal(store.StoreId, Assert.Single(own["stores"]!.AsArray())!.Str("storeId"));
        Assert.Equal(1, own["stores"]![0]!["figures"]!["totals"]!["leads"]!.GetValue<int>());

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.GetAsync($"/api/reports/hq?storeId={elsewhere.StoreId}"));
        using var manager = await Api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.GetAsync($"/api/reports/hq?storeId={store.StoreId}"));
        using var anonymous = Api.Anonymous();
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync("/api/reports/hq"));
    }

    [Theory]
    [InlineData("weeks=0", "weeks")]
    [InlineData("weeks=54", "weeks")]
    [InlineData("weeks=twelve", "weeks")]
    [InlineData("weeks=-3", "weeks")]
    [InlineData("storeId=bad%20id", "storeId")]
    public async Task BadInputIsA400NamingTheField(string query, string field)
    {
        using var hq = await Api.HqAsync();
        var body = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/reports/hq?{query}"), field);
        Assert.Contains(field, body["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStoreIsA404()
    {
        using var hq = await Api.HqAsync();
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/reports/hq?storeId={ApiHarness.NewId("nope")}"), "storeId");
    }

    private static async Task<string> DispatchAsync(HttpClient client, string leadId, string managerId)
    {
        var response = await client.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId });
        return (await ApiHarness.ExpectAsync(HttpStatusCode.OK, response)).Str("designerId");
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var json = JsonSerializer(body);
        json["commandId"] = ApiHarness.NewCommandId();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.PostAsJsonAsync(path, json));
    }

    private static JsonObject JsonSerializer(object body) => System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static double Dbl(JsonNode node, string name) => node[name]!.GetValue<double>();

    private static Dictionary<string, int> Kinds(JsonNode figures) =>
        figures["dispatchesByKind"]!.AsArray().ToDictionary(k => k!.Str("kind"), k => k!["count"]!.GetValue<int>());
}
