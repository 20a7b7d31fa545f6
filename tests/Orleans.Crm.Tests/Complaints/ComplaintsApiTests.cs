using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Api;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>
/// The complaint routes on a gateway whose rules read a fake clock: filing with the deadlines, steps, the list by state,
/// breaches from the desk's sweep, the weekly report; roles, scopes, bad input, 404 and 409.
/// </summary>
public sealed class ComplaintsApiTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task TheFrontDeskFilesAComplaintAndGetsTheDeadlinesOfTheServiceClock()
    {
        var store = await Api.StoreAsync();
        using var frontDesk = await Api.ClientAsync("frontdesk", store.StoreId, "fd-1");
        var now = fixture.Clock.GetUtcNow();

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync("/api/complaints", Filing(store.StoreId, emergency: true)));

        Assert.StartsWith($"{store.StoreId}-k", body.Str("complaintId"), StringComparison.Ordinal);
        Assert.Equal(now, body["receivedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(now.AddMinutes(30), body["replyPromiseBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal(now.AddMinutes(10), body["departmentNotifiedBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal(now.AddHours(12), body["checkBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal(now.AddHours(24), body["satisfactionCallBy"]!.GetValue<DateTimeOffset>());
        Assert.Null(body["customerToldBy"]);
        Assert.Equal(("open", true, "fd-1"), (body.Str("state"), body["emergency"]!.GetValue<bool>(), body.Str("filedBy")));
    }

    [Fact]
    public async Task ServiceStaffRecordStepsAndAMissedDeadlineShowsAsBreached()
    {
        var store = await Api.StoreAsync();
        using var service = await Api.ClientAsync("service", store.StoreId, "cs-1");
        var id = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)))).Str("complaintId");

        var notified = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/complaints/{id}/steps", new { commandId = ApiHarness.NewCommandId(), step = "department-notified", department = "工程部", person = "李工" }));
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(20), notified["customerToldBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal("cs-1", notified["steps"]![0]!.Str("by"));
        Assert.Single(await ListAsync(service, store.StoreId, "open"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(21));
        await SweepAsync(store.StoreId);

        var breached = Assert.Single(await ListAsync(service, store.StoreId, "breached"));
        Assert.Equal(id, breached!.Str("complaintId"));
        Assert.Equal("customer-told", breached!["breaches"]![0]!.Str("step"));
        Assert.Empty(await ListAsync(service, store.StoreId, "open"));
    }

    [Fact]
    public async Task RolesAndStoresAreEnforced()
    {
        var store = await Api.StoreAsync();
        var other = await Api.StoreAsync();
        using var designer = await Api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var otherDesk = await Api.ClientAsync("frontdesk", other.StoreId);
        using var frontDesk = await Api.ClientAsync("frontdesk", store.StoreId);
        using var manager = await Api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        using var chainService = await Api.ClientAsync("service", null, "hq-cs");

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await designer.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherDesk.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)));
        var id = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)))).Str("complaintId");
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await frontDesk.PostAsJsonAsync($"/api/complaints/{id}/steps", new { commandId = ApiHarness.NewCommandId(), step = "reply-promised" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.GetAsync($"/api/complaints?storeId={store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await otherDesk.GetAsync($"/api/complaints?storeId={store.StoreId}"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.GetAsync($"/api/reports/complaints?week=2026-W45&storeId={store.StoreId}"));

        // HQ's customer service (no store) acts on every store's complaints.
        var step = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await chainService.PostAsJsonAsync($"/api/complaints/{id}/steps", new { commandId = ApiHarness.NewCommandId(), step = "reply-promised", note = "30分钟内回复" }));
        Assert.Equal("hq-cs", step["steps"]![0]!.Str("by"));
        Assert.Single(await ListAsync(chainService, store.StoreId, null));
    }

    [Fact]
    public async Task BadInputIsRefusedNamingTheFieldAndChangesNothing()
    {
        var store = await Api.StoreAsync();
        using var service = await Api.ClientAsync("service", store.StoreId);

        var channel = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId, channel: "fax")), "channel");
        Assert.Contains("wechat", channel.ToJsonString(), StringComparison.Ordinal);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId, phone: "12")), "phone");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/complaints", new { commandId = ApiHarness.NewCommandId(), storeId = store.StoreId, channel = "phone", summary = "x" }), "phone");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId, summary: "")), "summary");
        await ApiHarness.ExpectAsync(HttpStatusCode.BadRequest, await service.GetAsync($"/api/complaints?storeId={store.StoreId}&state=pending"));
        Assert.Empty(await ListAsync(service, store.StoreId, null));

        var id = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)))).Str("complaintId");
        var steps = $"/api/complaints/{id}/steps";
        var unknown = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync(steps, new { commandId = ApiHarness.NewCommandId(), step = "apologised" }), "step");
        Assert.Contains("satisfaction-call", unknown.ToJsonString(), StringComparison.Ordinal);
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync(steps, new { commandId = ApiHarness.NewCommandId(), step = "department-notified" }), "department");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await service.PostAsJsonAsync(steps, new { commandId = ApiHarness.NewCommandId(), step = "satisfaction-call" }), "satisfied");
        await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, await service.PostAsJsonAsync(steps, new { commandId = ApiHarness.NewCommandId(), step = "customer-told" }));

        var kept = Assert.Single(await ListAsync(service, store.StoreId, null));
        Assert.Empty(kept!["steps"]!.AsArray());
    }

    [Fact]
    public async Task UnknownComplaintsAndStoresAre404AndAClosedComplaintIs409()
    {
        var store = await Api.StoreAsync();
        using var hq = await Api.HqAsync();

        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/complaints/{store.StoreId}-k999/steps", new { commandId = ApiHarness.NewCommandId(), step = "checked" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync("/api/complaints/no-such-thing/steps", new { commandId = ApiHarness.NewCommandId(), step = "checked" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync("/api/complaints", Filing("nostore-x1")));

        var id = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)))).Str("complaintId");
        var closed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/complaints/{id}/steps", new { commandId = ApiHarness.NewCommandId(), step = "satisfaction-call", satisfied = true }));
        Assert.Equal("closed", closed.Str("state"));
        await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, await hq.PostAsJsonAsync($"/api/complaints/{id}/steps", new { commandId = ApiHarness.NewCommandId(), step = "checked" }));
        Assert.Single(await ListAsync(hq, store.StoreId, "closed"));
    }

    [Fact]
    public async Task ARetriedFilingOrStepReturnsTheFirstAnswer()
    {
        var store = await Api.StoreAsync();
        using var service = await Api.ClientAsync("service", store.StoreId);
        var filing = Filing(store.StoreId);

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", filing));
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", filing));
        var step = new { commandId = ApiHarness.NewCommandId(), step = "reply-promised" };
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/complaints/{first.Str("complaintId")}/steps", step));
        var stepAgain = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/complaints/{first.Str("complaintId")}/steps", step));

        Assert.Equal(first.Str("complaintId"), again.Str("complaintId"));
        Assert.Single(await ListAsync(service, store.StoreId, null));
        Assert.Single(stepAgain["steps"]!.AsArray());
    }

    [Fact]
    public async Task TheWeeklyReportCountsTheStoresComplaintsBreachesAndRepeats()
    {
        var store = await Api.StoreAsync();
        using var hq = await Api.HqAsync();
        using var supervisor = await Api.ClientAsync("supervisor", store.StoreId);
        var phone = ApiHarness.NewPhone();
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/complaints", Filing(store.StoreId, phone: phone)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await SweepAsync(store.StoreId);
        var repeat = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/complaints", Filing(store.StoreId, phone: phone)));
        Assert.NotNull(repeat["repeatOf"]);

        var week = System.Globalization.ISOWeek.GetWeekOfYear(fixture.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var report = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/reports/complaints?week=2026-W{week:D2}"));
        var row = Assert.Single(report["stores"]!.AsArray());
        Assert.Equal(store.StoreId, row!.Str("storeId"));
        Assert.Equal((2, 1, 1), (row!["received"]!.GetValue<int>(), row["breaches"]!.GetValue<int>(), row["repeatComplaints"]!.GetValue<int>()));
        Assert.Equal("department-notified", row["breachesByStep"]![0]!.Str("step"));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync("/api/reports/complaints?week=2026-W54"), "week");
        var other = await Api.StoreAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.GetAsync($"/api/reports/complaints?week=2026-W45&storeId={other.StoreId}"));
    }

    private static object Filing(string storeId, string? phone = null, string channel = "phone", string summary = "卫生间漏水", bool emergency = false) =>
        new { commandId = ApiHarness.NewCommandId(), phone = phone ?? ApiHarness.NewPhone(), storeId, channel, summary, emergency };

    private static async Task<JsonArray> ListAsync(HttpClient client, string storeId, string? state)
    {
        var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/complaints?storeId={storeId}" + (state is null ? "" : $"&state={state}")));
        return body["array"]!.AsArray();
    }

    private Task SweepAsync(string storeId) =>
        Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IComplaintDeskGrain>(storeId).AsReference<IRemindable>().ReceiveReminder(ComplaintDeskGrain.SweepReminder, default);
}
