using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// The Excel exports: the customer register opened with ClosedXML (its rows and the status colours of DOMAIN §6 as cell
/// fills), the audit of every export (who, when, what, rows), scope by role, and bad input refused with nothing audited.
/// The fixture's clock is Tuesday 2026-11-03 10:00 in Shanghai.
/// </summary>
public sealed class ExportsApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    // DOMAIN §6 (seed 000): normal black, measured blue, deposit green, key follow-up rose red, signed red, invalid
    // yellow; lost is grey (the project's choice, as on the console).
    private static readonly Dictionary<string, string> Fills = new()
    {
        ["正常 normal"] = "#111827",
        ["已量房 measured"] = "#1D4ED8",
        ["已交定金 deposit paid"] = "#15803D",
        ["重点追踪 key follow-up"] = "#DB2777",
        ["签单 signed"] = "#DC2626",
        ["无效 invalid"] = "#FACC15",
        ["丢单 lost"] = "#9CA3AF",
    };

    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task TheRegisterExportHasOneRowPerVisitFilledWithItsStatusColourAndIsAudited()
    {
        var store = await Api.StoreAsync(groups: 2, designers: 2);
        using var hq = await Api.ClientAsync("hq", userId: "hq-exporter");
        var normal = (await Api.VisitAsync(store, name: "赵正常")).Str("leadId");
        var measured = (await Api.VisitAsync(store, name: "钱量房")).Str("leadId");
        var keyFollowUp = (await Api.VisitAsync(store, name: "孙重点")).Str("leadId");
        var (deposit, _, _) = await Api.DispatchedLeadAsync(store);
        var (signed, signedDesigner, _) = await Api.DispatchedLeadAsync(store);
        var invalid = (await Api.VisitAsync(store, name: "周无效")).Str("leadId");
        var lost = (await Api.VisitAsync(store, name: "吴丢单")).Str("leadId");
        await PostAsync(hq, $"/api/leads/{measured}/measurement", new { });
        await PostAsync(hq, $"/api/leads/{keyFollowUp}/key-follow-up", new { on = true });
        await PostAsync(hq, $"/api/leads/{deposit}/deposit", new { amount = 5000, payerName = "王小明" });
        await PostAsync(hq, $"/api/leads/{signed}/contract", new { amount = 88000.5, signerName = "王小明" });
        await PostAsync(hq, $"/api/leads/{invalid}/close", new { outcome = "invalid", reason = "other" });
        await PostAsync(hq, $"/api/leads/{lost}/close", new { outcome = "lost", reason = "competitor", analysis = "选了别家" });

        var response = await hq.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}&from=2026-11-01&to=2026-11-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"register-{store.StoreId}-2026-11-01-2026-11-30.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        var columns = sheet.Row(2).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var rows = Enumerable.Range(3, sheet.LastRowUsed().RowNumber() - 2).Select(sheet.Row).ToList();
        Assert.Equal(7, rows.Count);
        string Text(IXLRow row, string header) => row.Cell(columns[header]).GetString();

        // One row per visit, by running number, each with its status now and that status's fill on every cell.
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], rows.Select(r => Text(r, "编号 No.")));
        var leads = new[] { normal, measured, keyFollowUp, deposit, signed, invalid, lost };
        var statuses = new[] { "正常 normal", "已量房 measured", "重点追踪 key follow-up", "已交定金 deposit paid", "签单 signed", "无效 invalid", "丢单 lost" };
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(leads[i], Text(rows[i], "线索 Lead"));
            Assert.Equal(statuses[i], Text(rows[i], "状态 Status"));
            var expected = XLColor.FromHtml(Fills[statuses[i]]).Color.ToArgb();
            Assert.All(rows[i].Cells(1, columns.Count), c => Assert.Equal(expected, c.Style.Fill.BackgroundColor.Color.ToArgb()));
        }

        // The register form's lines, as registered (text stays text: the phone is not a number).
        Assert.Equal(("赵正常", XLDataType.Text), (Text(rows[0], "姓名 Name"), rows[0].Cell(columns["电话 Phone"]).DataType));
        Assert.Matches("^139[0-9]{8}$", Text(rows[0], "电话 Phone"));
        Assert.Equal(new DateTime(2026, 11, 3, 10, 0, 0), rows[0].Cell(columns["登记时间 Registered"]).GetDateTime());
        Assert.Equal(5000m, rows[3].Cell(columns["定金 Deposit"]).GetValue<decimal>());
        Assert.Equal(88000.5m, rows[4].Cell(columns["合同额 Contract"]).GetValue<decimal>());
        Assert.Equal(signedDesigner, Text(rows[4], "设计师 Designer"));
        Assert.Equal(("other", "competitor"), (Text(rows[5], "原因 Reason"), Text(rows[6], "原因 Reason")));
        Assert.Equal(7, workbook.Worksheet(2).RowsUsed().Count() - 2);

        // A period without visits is a valid file with the header only; both exports are audited, newest first.
        var empty = await hq.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}&from=2026-11-04&to=2026-11-04");
        using (var none = new XLWorkbook(await empty.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(2, none.Worksheet(1).LastRowUsed().RowNumber());
        }

        var audit = (await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))!;
        Assert.Equal(2, audit.Count);
        var first = audit[1]!;
        Assert.Equal(("register", "hq-exporter", "hq", store.StoreId, 7), (first.Str("export"), first.Str("userId"), first.Str("role"), first.Str("storeId"), first["rows"]!.GetValue<int>()));
        Assert.Equal($"storeId={store.StoreId}&from=2026-11-01&to=2026-11-30", first.Str("parameters"));
        Assert.Equal(fixture.Clock.GetUtcNow(), first["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0, audit[0]!["rows"]!.GetValue<int>());

        // The audit grain's standing reminder ticking (twice) after the entries reached the journal changes nothing.
        var log = Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IExportLogGrain>(0).AsReference<IRemindable>();
        await log.ReceiveReminder("journal", default);
        await log.ReceiveReminder("journal", default);
        Assert.Equal(audit.ToJsonString(), (await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))!.ToJsonString());

        // The store's supervisor reads its store's audit (by default); another store's supervisor may not.
        using var supervisor = await Api.ClientAsync("supervisor", store.StoreId, "sup-x");
        Assert.Equal(2, (await supervisor.GetFromJsonAsync<JsonArray>("/api/exports/audit"))!.Count);
        var elsewhere = await Api.StoreAsync(groups: 1, designers: 1);
        using var stranger = await Api.ClientAsync("supervisor", elsewhere.StoreId, "sup-y");
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await stranger.GetAsync($"/api/exports/audit?storeId={store.StoreId}"));
        Assert.Empty((await stranger.GetFromJsonAsync<JsonArray>("/api/exports/audit"))!);
    }

    [Fact]
    public async Task ASupervisorExportsTheirOwnStoreByDefaultFromTheFirstOfTheMonthAndTheAuditNamesThem()
    {
        var store = await Api.StoreAsync(groups: 1, designers: 1);
        await Api.VisitAsync(store, name: "郑默认");
        using var supervisor = await Api.ClientAsync("supervisor", store.StoreId, "sup-own");

        var response = await supervisor.GetAsync("/api/exports/register.xlsx?to=2026-11-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.True("郑默认" == workbook.Worksheet(1).Cell(3, 4).GetString(), string.Join(" | ", workbook.Worksheet(1).CellsUsed().Select(c => $"{c.Address}={c.GetString()}")));

        var entry = Assert.Single((await supervisor.GetFromJsonAsync<JsonArray>("/api/exports/audit"))!)!;
        Assert.Equal(("sup-own", "supervisor", $"storeId={store.StoreId}&from=2026-11-01&to=2026-11-30"), (entry.Str("userId"), entry.Str("role"), entry.Str("parameters")));
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-1", "from")]
    [InlineData("to=2026-11-31", "to")]
    [InlineData("from=2026-11-10&to=2026-11-09", "to")]
    [InlineData("from=2025-01-01&to=2026-11-03", "to")]
    public async Task BadDatesAreA400NamingTheFieldAndNothingIsAudited(string query, string field)
    {
        var store = await Api.StoreAsync(groups: 1, designers: 1);
        using var hq = await Api.HqAsync();
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}&{query}"), field);
        Assert.Empty((await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))!);
    }

    [Fact]
    public async Task TheStoreIsScopedByRoleAndRefusalsAreNotAudited()
    {
        var store = await Api.StoreAsync(groups: 1, designers: 1);
        var elsewhere = await Api.StoreAsync(groups: 1, designers: 1);
        using var hq = await Api.HqAsync();
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync("/api/exports/register.xlsx"), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync("/api/exports/register.xlsx?storeId=no%20such"), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/exports/register.xlsx?storeId={ApiHarness.NewId("nope")}"), "storeId");

        using var supervisor = await Api.ClientAsync("supervisor", elsewhere.StoreId, "sup-z");
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}"));
        using var manager = await Api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.GetAsync("/api/exports/audit"));
        using var anonymous = Api.Anonymous();
        await ApiHarness.ExpectAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}"));

        Assert.Empty((await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))!);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync("/api/exports/audit?from=2026-11-05&to=2026-11-04"), "to");
    }

    [Fact]
    public async Task TheRankingsExportHasOneRowPerDesignerWithTheirScoreItemsAndIsAudited()
    {
        var store = await Api.StoreAsync(groups: 2, designers: 2);
        var (leadId, designerId, _) = await Api.DispatchedLeadAsync(store);
        using var hq = await Api.ClientAsync("hq", userId: "hq-ranks");
        await PostAsync(hq, $"/api/leads/{leadId}/measurement", new { });

        var response = await hq.GetAsync($"/api/exports/rankings.xlsx?storeId={store.StoreId}&period=2026-11-H1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"rankings-{store.StoreId}-2026-11-H1.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var ranking = (await hq.GetFromJsonAsync<JsonObject>($"/api/stores/{store.StoreId}/rankings?period=2026-11-H1"))!;
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        var columns = sheet.Row(2).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var rows = Enumerable.Range(3, sheet.LastRowUsed().RowNumber() - 2).Select(sheet.Row).ToList();

        // The same designers, ranks and scores as the rankings route, one row each, every score item a column.
        var designers = ranking["groups"]!.AsArray().SelectMany(g => g!["designers"]!.AsArray()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(designers.Select(d => d!.Str("designerId")), rows.Select(r => r.Cell(columns["编号 Id"]).GetString()));
        Assert.All(designers.Zip(rows), x => Assert.Equal((double)x.First!["score"]!.GetValue<decimal>(), x.Second.Cell(columns["得分 Score"]).GetDouble(), 6));
        Assert.Equal(designers.Select(d => d!["rank"]!.GetValue<int>()), rows.Select(r => r.Cell(columns["名次 Rank"]).GetValue<int>()));
        var item = designers.Single(d => d!.Str("designerId") == designerId)!["items"]![0]!;
        var row = rows.Single(r => r.Cell(columns["编号 Id"]).GetString() == designerId);
        Assert.Equal((double)item["points"]!.GetValue<decimal>(), row.Cell(columns[item.Str("item")]).GetDouble(), 6);

        var entry = (await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))![0]!;
        Assert.Equal(("rankings", "hq-ranks", 4, $"storeId={store.StoreId}&period=2026-11-H1"), (entry.Str("export"), entry.Str("userId"), entry["rows"]!.GetValue<int>(), entry.Str("parameters")));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/exports/rankings.xlsx?storeId={store.StoreId}&period=2026-11-H3"), "period");
        Assert.Single((await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))!);
    }

    [Fact]
    public async Task TheManagerScoresExportHasOneRowPerManagerBestFirstAndIsAudited()
    {
        var store = await Api.StoreAsync(groups: 2, designers: 1);
        using var supervisor = await Api.ClientAsync("supervisor", store.StoreId, "sup-scores");

        var response = await supervisor.GetAsync("/api/exports/manager-scores.xlsx?quarter=2026Q4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scores = (await supervisor.GetFromJsonAsync<JsonObject>($"/api/stores/{store.StoreId}/manager-scores?quarter=2026Q4"))!;
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        var columns = sheet.Row(2).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var rows = Enumerable.Range(3, sheet.LastRowUsed().RowNumber() - 2).Select(sheet.Row).ToList();

        // Every manager of the store, in the route's order (best first), with the same total and each term's points.
        var cards = scores["managers"]!.AsArray();
        Assert.Equal(cards.Select(c => c!.Str("managerId")), rows.Select(r => r.Cell(columns["编号 Id"]).GetString()));
        Assert.Equal(store.ManagerIds.Order(), rows.Select(r => r.Cell(columns["编号 Id"]).GetString()).Order());
        Assert.All(cards.Zip(rows), x => Assert.Equal((double)x.First!["total"]!.GetValue<decimal>(), x.Second.Cell(columns["总分 Total"]).GetDouble(), 6));
        var term = cards[0]!["terms"]![0]!;
        Assert.Equal((double)term["points"]!.GetValue<decimal>(), rows[0].Cell(columns[term.Str("term")]).GetDouble(), 6);

        var entry = Assert.Single((await supervisor.GetFromJsonAsync<JsonArray>("/api/exports/audit"))!)!;
        Assert.Equal(("manager-scores", "sup-scores", 2, $"storeId={store.StoreId}&quarter=2026Q4"), (entry.Str("export"), entry.Str("userId"), entry["rows"]!.GetValue<int>(), entry.Str("parameters")));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await supervisor.GetAsync("/api/exports/manager-scores.xlsx?quarter=2026Q5"), "quarter");
        Assert.Single((await supervisor.GetFromJsonAsync<JsonArray>("/api/exports/audit"))!);
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        json["commandId"] = ApiHarness.NewCommandId();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.PostAsJsonAsync(path, json));
    }
}
