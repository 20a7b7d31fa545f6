using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// Issue 11's intake and duty routes: registration keeps what it accepts, landlines, paper forms entered late, the
/// feedback form, and the rest day staffed by assignment — success, masking, 400/403/404/409, and refusals changing nothing.
/// </summary>
public sealed class IntakeApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    private static DateTimeOffset ShanghaiNow => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

    private static string Today => ShanghaiNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewLandline() => "021-" + Random.Shared.Next(20_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task EveryAcceptedFieldIsStoredAndReturnedWithTheLead()
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new
        {
            commandId = ApiHarness.NewCommandId(), name = "王小明", phone = ApiHarness.NewPhone(), channel = "referral",
            community = "翠湖天地", address = "徐汇区漕溪北路 88 弄 3 号 1201", referrerName = "李四", referrerPhone = "138 0013 8000",
            needs = new { areaSquareMetres = 120, layout = "3室2厅", style = "新中式", budget = "30万" },
        }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/leads/{visit.Str("leadId")}"));

        Assert.Equal(("翠湖天地", "徐汇区漕溪北路 88 弄 3 号 1201"), (lead.Str("community"), lead.Str("address")));
        Assert.Equal(("李四", "13800138000"), (lead.Str("referrerName"), lead.Str("referrerPhone")));
        Assert.Equal(("3室2厅", "新中式", "30万"), (lead["needs"]!.Str("layout"), lead["needs"]!.Str("style"), lead["needs"]!.Str("budget")));
        Assert.Equal(120m, lead["needs"]!["areaSquareMetres"]!.GetValue<decimal>());
        Assert.False(lead["lateEntry"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PersonalFieldsAreMaskedForADesignerWhoDoesNotHoldTheLead()
    {
        var store = await _api.StoreAsync(1, 2);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new
        {
            commandId = ApiHarness.NewCommandId(), name = "王小明", phone = ApiHarness.NewPhone(), channel = "referral",
            community = "翠湖天地", address = "漕溪北路 88 弄", referrerName = "李四", referrerPhone = "13800138000",
        }));
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][1]);

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/leads/{visit.Str("leadId")}"));

        Assert.Equal(("王**", "李**", "138****8000"), (lead.Str("name"), lead.Str("referrerName"), lead.Str("referrerPhone")));
        Assert.Null(lead["address"]);
        Assert.DoesNotContain("漕溪北路", lead.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", lead.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","channel":"referral"}""", "referrerName")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","channel":"referral","referrerName":" "}""", "referrerName")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","referrerPhone":"12345"}""", "referrerPhone")]
    [InlineData("""{"commandId":"c","name":"A","phone":"021-1234"}""", "phone")]
    [InlineData("""{"commandId":"c","name":"A","phone":"6488 1234"}""", "phone")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","registeredAt":"yesterday","paperNumber":"P1"}""", "registeredAt")]
    public async Task BadIntakeInputIsRefusedNamingTheFieldAndRegistersNothing(string json, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await frontDesk.PostAsync($"/api/stores/{store.StoreId}/visits", ApiHarness.RawJson(json.Replace("\"c\"", $"\"{ApiHarness.NewCommandId()}\"", StringComparison.Ordinal))), field);

        Assert.Equal(1, (await _api.VisitAsync(store))["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task ALandlineIsAcceptedNormalisedAndIdentifiesTheCustomerAtEveryStore()
    {
        var (a, b) = (await _api.StoreAsync(1, 1), await _api.StoreAsync(1, 1));
        var landline = NewLandline();
        var local = landline[4..];

        var first = await _api.VisitAsync(a, $"({landline[..3]}) {local[..4]} {local[4..]}");
        var second = await _api.VisitAsync(b, $"+86 21 {local[..4]} {local[4..]}");
        using var hq = await _api.HqAsync();
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{second.Str("leadId")}"));

        Assert.Equal(first.Str("customerId"), second.Str("customerId"));
        Assert.Equal(landline, lead.Str("phone"));
        Assert.Equal(a.StoreId, Assert.Single(second["conflicts"]!.AsArray())!.Str("storeId"));
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("supervisor")]
    public async Task TheFrontDeskOrASupervisorEntersAPaperFormWithItsRealVisitTime(string role)
    {
        var store = await _api.StoreAsync(2, 1);
        await _api.VisitAsync(store);
        using var client = await _api.ClientAsync(role, store.StoreId);
        var visited = DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(-5);
        visited = visited.AddTicks(-(visited.Ticks % TimeSpan.TicksPerSecond));

        var late = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await client.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "张三", phone = ApiHarness.NewPhone(), registeredAt = visited, paperNumber = "P-0042" }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/leads/{late.Str("leadId")}"));

        Assert.Equal(2, late["runningNumber"]!.GetValue<int>());
        Assert.True(late["lateEntry"]!.GetValue<bool>());
        Assert.True(lead["lateEntry"]!.GetValue<bool>());
        Assert.Equal("P-0042", lead.Str("paperNumber"));
        Assert.Equal(visited, lead["registeredAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("hq")]
    [InlineData("designer")]
    public async Task OnlyTheFrontDeskAndSupervisorsEnterPaperFormsLate(string role)
    {
        var store = await _api.StoreAsync(1, 1);
        using var client = await _api.ClientAsync(role, store.StoreId, role == "manager" ? store.ManagerIds[0] : null);

        var response = await client.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "张三", phone = ApiHarness.NewPhone(), registeredAt = DateTimeOffset.UtcNow.AddHours(-1), paperNumber = "P-1" });

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, response);
        Assert.Equal(1, (await _api.VisitAsync(store))["runningNumber"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(-7 * 24 * 60 - 10, "P-1", "registeredAt")]
    [InlineData(30, "P-1", "registeredAt")]
    [InlineData(-60, null, "paperNumber")]
    public async Task ALateEntryTooOldInTheFutureOrWithoutItsFormNumberIsRefusedAndRegistersNothing(int minutes, string? paperNumber, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        var response = await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "张三", phone = ApiHarness.NewPhone(), registeredAt = DateTimeOffset.UtcNow.AddMinutes(minutes), paperNumber });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, field);
        Assert.Equal(1, (await _api.VisitAsync(store))["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task APaperFormEnteredTwiceIsAConflictNamingItsNumber()
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        var form = new { name = "张三", phone = ApiHarness.NewPhone(), registeredAt = DateTimeOffset.UtcNow.AddHours(-3), paperNumber = "P-77" };
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), form.name, form.phone, form.registeredAt, form.paperNumber }));

        var again = await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = ApiHarness.NewCommandId(), form.name, form.phone, form.registeredAt, form.paperNumber });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Conflict, again, "paperNumber");
        Assert.Equal(2, (await _api.VisitAsync(store))["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFeedbackFormIsKeptListedForItsDateOnceAndCreatesNoLead()
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        var form = new { commandId = ApiHarness.NewCommandId(), name = "赵六", phone = "0377-632 1234", visitedAreas = new[] { "厨房", "卫浴" }, comments = "样板间很好" };

        var created = await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/feedback", form);
        var first = await ApiHarness.ExpectAsync(HttpStatusCode.Created, created);
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/feedback", form));
        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync(created.Headers.Location!.OriginalString));
        var yesterday = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync(
            $"/api/stores/{store.StoreId}/feedback?date={DateOnly.Parse(first.Str("date"), System.Globalization.CultureInfo.InvariantCulture).AddDays(-1):yyyy-MM-dd}"));

        Assert.Equal(first.Str("feedbackId"), again.Str("feedbackId"));
        var kept = Assert.Single(list["feedback"]!.AsArray())!;
        Assert.Equal((first.Str("feedbackId"), "赵六", "0377-6321234", "样板间很好"), (kept.Str("feedbackId"), kept.Str("name"), kept.Str("phone"), kept.Str("comments")));
        Assert.Equal(["厨房", "卫浴"], kept["visitedAreas"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty(yesterday["feedback"]!.AsArray());
        Assert.Equal(1, (await _api.VisitAsync(store))["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheFeedbackListWithoutADateIsTodaysAndADesignerSeesContactsMasked()
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/feedback",
            new { commandId = ApiHarness.NewCommandId(), name = "赵六", phone = "13812345678", visitedAreas = new[] { "厨房" } }));
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);

        var masked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/stores/{store.StoreId}/feedback"));

        var only = Assert.Single(masked["feedback"]!.AsArray())!;
        Assert.Equal(("赵**", "138****5678"), (only.Str("name"), only.Str("phone")));
        Assert.DoesNotContain("13812345678", masked.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"commandId":"c","name":"赵六"}""", "visitedAreas")]
    [InlineData("""{"commandId":"c","visitedAreas":[],"comments":"  "}""", "visitedAreas")]
    [InlineData("""{"commandId":"c","visitedAreas":["厨房",""]}""", "visitedAreas[1]")]
    [InlineData("""{"commandId":"c","phone":"12345","visitedAreas":["厨房"]}""", "phone")]
    [InlineData("""{"visitedAreas":["厨房"]}""", "commandId")]
    [InlineData("""{"commandId":"c","visitedAreas":"厨房"}""", "visitedAreas")]
    public async Task BadFeedbackIsRefusedNamingTheFieldAndKeepsNothing(string json, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await frontDesk.PostAsync($"/api/stores/{store.StoreId}/feedback", ApiHarness.RawJson(json.Replace("\"c\"", $"\"{ApiHarness.NewCommandId()}\"", StringComparison.Ordinal))), field);

        var list = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/feedback"));
        Assert.Empty(list["feedback"]!.AsArray());
    }

    [Fact]
    public async Task FeedbackAtAnUnknownStoreIs404AndABadDateIs400()
    {
        var storeId = ApiHarness.NewId("s");
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PostAsJsonAsync($"/api/stores/{storeId}/feedback", new { commandId = ApiHarness.NewCommandId(), visitedAreas = new[] { "厨房" } }), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/stores/{storeId}/feedback"), "storeId");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/stores/{store.StoreId}/feedback?date=2026-13-01"), "date");
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("supervisor")]
    public async Task StaffMayNotLeaveOrReadFeedbackAtAnotherStore(string role)
    {
        var mine = await _api.StoreAsync(1, 1);
        var theirs = await _api.StoreAsync(1, 1);
        using var client = await _api.ClientAsync(role, mine.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PostAsJsonAsync($"/api/stores/{theirs.StoreId}/feedback", new { commandId = ApiHarness.NewCommandId(), visitedAreas = new[] { "厨房" } }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/stores/{theirs.StoreId}/feedback"));
        using var hq = await _api.HqAsync();
        Assert.Empty((await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{theirs.StoreId}/feedback")))["feedback"]!.AsArray());
    }

    [Fact]
    public async Task DesignersAndDisplaysDoNotFillInFeedbackForms()
    {
        var store = await _api.StoreAsync(1, 1);
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);
        using var display = await _api.ClientAsync("display", store.StoreId);
        var form = new { commandId = ApiHarness.NewCommandId(), visitedAreas = new[] { "厨房" } };

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await designer.PostAsJsonAsync($"/api/stores/{store.StoreId}/feedback", form));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.PostAsJsonAsync($"/api/stores/{store.StoreId}/feedback", form));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await display.GetAsync($"/api/stores/{store.StoreId}/feedback"));
    }

    [Fact]
    public async Task OnAnUnassignedRestDayTheBoardAlertsWalkInsWaitAndAssigningDutyHandsThemOver()
    {
        var store = await RestingTodayAsync();
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        using var display = await _api.ClientAsync("display", store.StoreId);

        var before = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync($"/api/stores/{store.StoreId}/board"));
        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "王小明", phone = ApiHarness.NewPhone() }));
        var waiting = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/board"));
        var maskedWaiting = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync($"/api/stores/{store.StoreId}/board"));

        Assert.Equal(Today, before["dutyAlert"]!.Str("date"));
        Assert.True(before["dutyAlert"]!["isRestDay"]!.GetValue<bool>());
        Assert.Null(visit["managerId"]);
        Assert.Equal(visit.Str("leadId"), Assert.Single(waiting["unassigned"]!.AsArray())!.Str("leadId"));
        Assert.EndsWith("**", Assert.Single(maskedWaiting["unassigned"]!.AsArray())!.Str("customerName"), StringComparison.Ordinal);

        var assigned = await ApiHarness.ExpectAsync(HttpStatusCode.OK,
            await supervisor.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/{Today}", new { managerId = store.ManagerIds[1] }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/leads/{visit.Str("leadId")}"));
        var after = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{store.StoreId}/board"));

        Assert.Equal(store.ManagerIds[1], assigned.Str("managerId"));
        Assert.Equal([visit.Str("leadId")], assigned["handedOver"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(store.ManagerIds[1], lead.Str("managerId"));
        Assert.Null(after["dutyAlert"]);
        Assert.Empty(after["unassigned"]!.AsArray());

        // A repeated PUT changes nothing more.
        var repeat = await ApiHarness.ExpectAsync(HttpStatusCode.OK,
            await supervisor.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/{Today}", new { managerId = store.ManagerIds[1] }));
        Assert.Empty(repeat["handedOver"]!.AsArray());
    }

    [Fact]
    public async Task ARefusedOrForbiddenAssignmentLeavesTheWalkInsWaiting()
    {
        var store = await RestingTodayAsync();
        var visit = await _api.VisitAsync(store);
        using var hq = await _api.HqAsync();
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/{Today}", new { managerId = "stranger" }), "managerId");
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await manager.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/{Today}", new { managerId = store.ManagerIds[0] }));
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.PutAsJsonAsync($"/api/stores/{ApiHarness.NewId("s")}/duty/{Today}", new { managerId = store.ManagerIds[0] }), "storeId");

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{visit.Str("leadId")}"));
        var board = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/board"));
        Assert.Null(lead["managerId"]);
        Assert.NotNull(board["dutyAlert"]);
        Assert.Single(board["unassigned"]!.AsArray());
    }

    /// <summary>A store whose only rest day is today in Shanghai, with nobody assigned.</summary>
    private async Task<TestStore> RestingTodayAsync()
    {
        var store = TestStore.Create(2, 1);
        var body = JsonNode.Parse(JsonSerializer.Serialize(store.SetupBody(), JsonTestExtensions.Web))!;
        body["restDays"] = new JsonArray(JsonValue.Create(ShanghaiNow.DayOfWeek.ToString().ToLowerInvariant()));
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsync($"/api/stores/{store.StoreId}", ApiHarness.RawJson(body.ToJsonString())));
        return store;
    }
}
