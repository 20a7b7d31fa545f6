using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;

namespace Orleans.Crm.Tests.Api;

/// <summary>The HQ report, the register export and its audit on PostgreSQL (the journal's table, the audit grain's row), read through a second gateway.</summary>
public sealed class HqPostgresTests
{
    [Fact]
    public async Task OnPostgresTheHqReportRegisterExportAndAuditReadTheJournalFromAnotherGateway()
    {
        await using var first = await ApiHarness.OnPostgresAsync();
        await using var second = await ApiHarness.OnPostgresAsync(first.ConnectionString);
        Assert.Equal("KeyPreservingGrainStorage", first.StorageKind);
        var store = await first.StoreAsync(groups: 1, designers: 2);
        var (leadId, _, _) = await first.DispatchedLeadAsync(store);
        await first.VisitAsync(store, name: "冯第二");
        using var hq = await first.ClientAsync("hq", userId: "hq-pg");
        var measured = await hq.PostAsJsonAsync($"/api/leads/{leadId}/measurement", new { commandId = ApiHarness.NewCommandId() });
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, measured);

        using var viaSecond = await second.ClientAsync("hq", userId: "hq-pg2");
        var report = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await viaSecond.GetAsync($"/api/reports/hq?storeId={store.StoreId}&weeks=1"));
        var totals = report["stores"]![0]!["figures"]!["totals"]!;
        Assert.Equal((2, 1, 1, 50.0), (totals["leads"]!.GetValue<int>(), totals["dispatches"]!.GetValue<int>(), totals["measured"]!.GetValue<int>(), totals["measurementRate"]!.GetValue<double>()));
        Assert.Equal($"Store {store.StoreId}", report["stores"]![0]!.Str("name"));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var range = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var file = await viaSecond.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}&{range}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var workbook = new XLWorkbook(await file.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.Equal(("已量房 measured", "正常 normal"), (sheet.Cell(3, 10).GetString(), sheet.Cell(4, 10).GetString()));
        Assert.Equal(XLColor.FromHtml("#1D4ED8").Color.ToArgb(), sheet.Cell(3, 1).Style.Fill.BackgroundColor.Color.ToArgb());
        Assert.Equal("冯第二", sheet.Cell(4, 4).GetString());

        var audit = (await hq.GetFromJsonAsync<JsonArray>($"/api/exports/audit?storeId={store.StoreId}"))!;
        var entry = Assert.Single(audit)!;
        Assert.Equal(("hq-pg2", 2, $"storeId={store.StoreId}&{range}"), (entry.Str("userId"), entry["rows"]!.GetValue<int>(), entry.Str("parameters")));
    }
}
