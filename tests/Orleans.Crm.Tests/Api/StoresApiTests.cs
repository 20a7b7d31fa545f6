using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

public sealed class StoresApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task HqSetsUpAStoreAndItsStaffReadItBack()
    {
        var store = TestStore.Create(3, 4);
        using var hq = await _api.HqAsync();

        var put = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        var got = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{store.StoreId}"));

        Assert.Equal(store.StoreId, put.Str("storeId"));
        Assert.Equal(3, got["groups"]!.AsArray().Count);
        Assert.Equal("senior", got["groups"]![0]!["designers"]![0]!["level"]!.GetValue<string>());
        Assert.Equal(store.ManagerIds, got["rotation"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task ASupervisorSetsUpTheirOwnStoreButNotAnother()
    {
        var store = TestStore.Create(1, 1);
        var other = TestStore.Create(1, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.PutAsJsonAsync($"/api/stores/{other.StoreId}", other.SetupBody()));
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("designer")]
    [InlineData("display")]
    public async Task OnlyHqAndSupervisorsMaySetUpAStore(string role)
    {
        var store = TestStore.Create(1, 1);
        using var client = await _api.ClientAsync(role, store.StoreId);

        var response = await client.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"groups":[],"rotation":["m"],"rotationStart":"2026-01-01"}""", "name")]
    [InlineData("""{"name":"x","groups":[],"rotation":["m"],"rotationStart":"2026-01-01"}""", "groups")]
    [InlineData("""{"name":"x","groups":[{"managerId":"m 1","managerName":"A","designers":[]}],"rotation":["m"],"rotationStart":"2026-01-01"}""", "groups[0].managerId")]
    [InlineData("""{"name":"x","groups":[{"managerId":"m","managerName":"A","designers":[{"designerId":"d","name":"D","level":"guru"}]}],"rotation":["m"],"rotationStart":"2026-01-01"}""", "groups[0].designers[0].level")]
    [InlineData("""{"name":"x","groups":[{"managerId":"m","managerName":"A","designers":[]}],"rotation":["m"],"rotationStart":"01/02/2026"}""", "rotationStart")]
    [InlineData("""{"name":"x","groups":[{"managerId":"m","managerName":"A","designers":[]}],"rotation":["m"]}""", "rotationStart")]
    [InlineData("""{"name":"x","groups":[{"managerId":"m","managerName":"A","designers":[]}],"rotation":["bad id"],"rotationStart":"2026-01-01"}""", "rotation")]
    [InlineData("""{"name":"x","groups":[{"managerId":"m","managerName":"A","designers":[]}],"rotation":["m"],"rotationStart":"2026-01-01","restDays":["Caturday"]}""", "restDays[0]")]
    public async Task InvalidStoreSetupsAreRefusedNamingTheFieldAndCreateNothing(string json, string field)
    {
        var storeId = ApiHarness.NewId("s");
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsync($"/api/stores/{storeId}", ApiHarness.RawJson(json)), field);

        Assert.Equal(HttpStatusCode.NotFound, (await hq.GetAsync($"/api/stores/{storeId}")).StatusCode);
    }

    [Fact]
    public async Task ANameLongerThan100CharactersIsRefused()
    {
        var store = TestStore.Create(1, 1);
        using var hq = await _api.HqAsync();
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(store.SetupBody(), JsonTestExtensions.Web))!;
        json["name"] = new string('x', 101);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsync($"/api/stores/{store.StoreId}", ApiHarness.RawJson(json.ToJsonString())), "name");
    }

    [Fact]
    public async Task AMalformedStoreIdInTheRouteIsRefusedNamingIt()
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/stores/{new string('s', 65)}"), "storeId");
    }

    [Fact]
    public async Task AnUnknownStoreIs404()
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/stores/{ApiHarness.NewId("s")}"), "storeId");
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("designer")]
    public async Task StaffMayNotReadAnotherStoresConfiguration(string role)
    {
        var mine = await _api.StoreAsync(1, 1);
        var theirs = await _api.StoreAsync(1, 1);
        using var client = await _api.ClientAsync(role, mine.StoreId);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/stores/{mine.StoreId}")).StatusCode);
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/stores/{theirs.StoreId}"));
    }

    [Fact]
    public async Task DutyFollowsTheRotationAndAnOverrideReplacesIt()
    {
        var store = await _api.StoreAsync(3, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        var day0 = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-01-01"));
        var day1 = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-01-02"));
        var overridden = await ApiHarness.ExpectAsync(HttpStatusCode.OK,
            await supervisor.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/2026-01-01", new { managerId = store.ManagerIds[2] }));
        var after = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-01-01"));

        Assert.Equal(store.ManagerIds[0], day0.Str("managerId"));
        Assert.Equal(store.ManagerIds[1], day1.Str("managerId"));
        Assert.Equal(store.ManagerIds[2], overridden.Str("managerId"));
        Assert.True(after["isOverride"]!.GetValue<bool>());
        Assert.Equal(store.ManagerIds[2], after.Str("managerId"));
    }

    [Fact]
    public async Task DutyWithoutADateAnswersForToday()
    {
        var store = await _api.StoreAsync(2, 1);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        var duty = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/stores/{store.StoreId}/duty"));

        Assert.Contains(duty.Str("managerId"), store.ManagerIds);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("tomorrow")]
    [InlineData("2026-1-5")]
    public async Task DutyDatesMustBeRealDatesWrittenYyyyMmDd(string date)
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/stores/{store.StoreId}/duty?date={date}"), "date");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/{date}", new { managerId = store.ManagerIds[0] }), "date");
    }

    [Fact]
    public async Task ADutyOverrideToAStrangerIsRefusedAndChangesNothing()
    {
        var store = await _api.StoreAsync(2, 1);
        using var hq = await _api.HqAsync();

        var response = await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/2026-01-01", new { managerId = "nobody" });
        var duty = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/duty?date=2026-01-01"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{response.StatusCode}");
        await ApiHarness.ExpectFieldErrorAsync(response.StatusCode, response, "managerId");
        Assert.Equal(store.ManagerIds[0], duty.Str("managerId"));
    }

    [Theory]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("designer")]
    public async Task OnlyHqAndSupervisorsOverrideDutyOrSetTheSeason(string role)
    {
        var store = await _api.StoreAsync(2, 1);
        using var client = await _api.ClientAsync(role, store.StoreId, store.ManagerIds[0]);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsJsonAsync($"/api/stores/{store.StoreId}/duty/2026-01-01", new { managerId = store.ManagerIds[1] }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.PutAsJsonAsync($"/api/stores/{store.StoreId}/season", new { peak = true }));
    }

    [Fact]
    public async Task PeakSeasonRaisesTheCaps()
    {
        var store = await _api.StoreAsync(1, 1);
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        var designer = store.DesignerIds[0][0];
        var before = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/designers/{designer}"));

        var season = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/stores/{store.StoreId}/season", new { peak = true }));
        var after = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/designers/{designer}"));

        Assert.Equal("peak", season.Str("season"));
        Assert.Equal(2, before["cap"]!.GetValue<int>());
        Assert.Equal(3, after["cap"]!.GetValue<int>());
    }

    [Fact]
    public async Task ASeasonWithoutPeakIsRefusedNamingIt()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}/season", new { }), "peak");
    }

    [Fact]
    public async Task TheFrontDeskRegistersAWalkInWhoGoesToTheOnDutyManager()
    {
        var store = await _api.StoreAsync(2, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        var response = await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "王小明", phone = "+86 139-1234-5678", channel = "WalkIn", community = "翠湖小区" });

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.Created, response);
        Assert.Equal($"/api/leads/{body.Str("leadId")}", response.Headers.Location?.OriginalString);
        Assert.Contains(body.Str("managerId"), store.ManagerIds);
        Assert.Equal(1, body["runningNumber"]!.GetValue<int>());
        Assert.False(body["returnCustomer"]!.GetValue<bool>());
        Assert.Empty(body["conflicts"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(body.Str("customerId")));
    }

    [Fact]
    public async Task RetryingAVisitWithTheSameCommandIdReturnsTheSameLeadAndRegistersOnce()
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);
        var request = new { commandId = ApiHarness.NewCommandId(), name = "张三", phone = ApiHarness.NewPhone() };

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", request));
        var second = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", request));
        var next = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontDesk.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "李四", phone = ApiHarness.NewPhone() }));

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(2, next["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheSamePhoneAtTwoStoresIsReportedAsACrossStoreConflict()
    {
        var a = await _api.StoreAsync(1, 1);
        var b = await _api.StoreAsync(1, 1);
        var phone = ApiHarness.NewPhone();
        await _api.VisitAsync(a, phone);

        var second = await _api.VisitAsync(b, phone);

        var conflict = Assert.Single(second["conflicts"]!.AsArray());
        Assert.Equal(a.StoreId, conflict!.Str("storeId"));
    }

    [Theory]
    [InlineData("""{"name":"A","phone":"13912345678"}""", "commandId")]
    [InlineData("""{"commandId":"","name":"A","phone":"13912345678"}""", "commandId")]
    [InlineData("""{"commandId":"c","phone":"13912345678"}""", "name")]
    [InlineData("""{"commandId":"c","name":"A","phone":"12345"}""", "phone")]
    [InlineData("""{"commandId":"c","name":"A","phone":"010-12345678"}""", "phone")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","channel":"pigeon"}""", "channel")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","appointmentWith":"x y"}""", "appointmentWith")]
    [InlineData("""{"commandId":"c","name":"A","phone":"13912345678","needs":{"areaSquareMetres":-5}}""", "needs.areaSquareMetres")]
    public async Task InvalidVisitsAreRefusedNamingTheFieldAndRegisterNothing(string json, string field)
    {
        var store = await _api.StoreAsync(1, 1);
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId);

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await frontDesk.PostAsync($"/api/stores/{store.StoreId}/visits", ApiHarness.RawJson(json)), field);
        var next = await _api.VisitAsync(store);

        Assert.Equal(1, next["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task AVisitAtAnUnknownStoreIs404()
    {
        var storeId = ApiHarness.NewId("s");
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsJsonAsync($"/api/stores/{storeId}/visits", new { commandId = "c", name = "A", phone = ApiHarness.NewPhone() });

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, response, "storeId");
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    public async Task ReceptionStaffMayNotRegisterVisitsAtAnotherStore(string role)
    {
        var mine = await _api.StoreAsync(1, 1);
        var theirs = await _api.StoreAsync(1, 1);
        using var client = await _api.ClientAsync(role, mine.StoreId);

        var response = await client.PostAsJsonAsync($"/api/stores/{theirs.StoreId}/visits", new { commandId = "c", name = "A", phone = ApiHarness.NewPhone() });

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, response);
    }

    [Fact]
    public async Task DesignersDoNotRegisterVisits()
    {
        var store = await _api.StoreAsync(1, 1);
        using var designer = await _api.ClientAsync("designer", store.StoreId, store.DesignerIds[0][0]);

        var response = await designer.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = "c", name = "A", phone = ApiHarness.NewPhone() });

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, response);
    }

    [Fact]
    public async Task TheBoardShowsFullDetailsToStaffAndMaskedOnesToTheDisplay()
    {
        var store = await _api.StoreAsync(1, 1);
        await _api.VisitAsync(store, "13812345678", "王小明");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);
        using var display = await _api.ClientAsync("display", store.StoreId);

        var full = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/stores/{store.StoreId}/board"));
        var masked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await display.GetAsync($"/api/stores/{store.StoreId}/board"));

        Assert.True(full["sequence"]!.GetValue<long>() > 0);
        var fullLead = full["todayLeads"]![0]!;
        var maskedLead = masked["todayLeads"]![0]!;
        Assert.Equal("王小明", fullLead.Str("customerName"));
        Assert.Equal("13812345678", fullLead.Str("phone"));
        Assert.Equal("王**", maskedLead.Str("customerName"));
        Assert.Equal("138****5678", maskedLead.Str("phone"));
        Assert.DoesNotContain("13812345678", masked.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("display")]
    [InlineData("designer")]
    [InlineData("frontdesk")]
    public async Task NoOneReadsAnotherStoresBoard(string role)
    {
        var mine = await _api.StoreAsync(1, 1);
        var theirs = await _api.StoreAsync(1, 1);
        using var client = await _api.ClientAsync(role, mine.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/stores/{theirs.StoreId}/board"));
    }
}
