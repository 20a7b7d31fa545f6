using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Gateway.Api.Enums;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Tests.Api;

public sealed class EnumInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Channels = "walkIn, phone, web, event, referral, partner, batch";
    private const string Levels = "senior, style, finish";
    private const string Days = "sunday, monday, tuesday, wednesday, thursday, friday, saturday";

    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task ABadChannelNamesTheFieldListsTheChannelsAndRegistersNothing()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsync($"/api/stores/{store.StoreId}/visits",
            ApiHarness.RawJson($$"""{"commandId":"{{ApiHarness.NewCommandId()}}","name":"王小明","phone":"{{ApiHarness.NewPhone()}}","channel":"fax"}"""));

        var reason = await ReasonAsync(response, "channel");
        Assert.Equal($"'fax' is not a channel: use one of {Channels}.", reason);
        var next = await _api.VisitAsync(store);
        Assert.Equal(1, next["runningNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABadLevelDeepInAStoreSetupNamesItsPathAndCreatesNoStore()
    {
        var store = TestStore.Create(1, 2);
        using var hq = await _api.HqAsync();
        var body = SetupBody(store, levels: ["senior", "a7"]);

        var response = await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", body);

        var reason = await ReasonAsync(response, "groups[0].designers[1].level");
        Assert.Equal($"'a7' is not a designer level: use one of {Levels}.", reason);
        await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/stores/{store.StoreId}"));
    }

    [Fact]
    public async Task ABadRestDayNamesItsPlaceInTheList()
    {
        var store = TestStore.Create(1, 1);
        using var hq = await _api.HqAsync();

        var response = await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", SetupBody(store, restDays: ["monday", "someday"]));

        var reason = await ReasonAsync(response, "restDays[1]");
        Assert.Equal($"'someday' is not a day of the week: use one of {Days}.", reason);
    }

    [Fact]
    public async Task ABadOutcomeNamesTheFieldAndLeavesTheLeadOpen()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsJsonAsync($"/api/leads/{leadId}/close", new { commandId = ApiHarness.NewCommandId(), outcome = "gone" });

        var reason = await ReasonAsync(response, "outcome");
        Assert.Equal("'gone' is not a lead outcome: use one of lost, invalid.", reason);
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{leadId}"));
        Assert.True(lead["open"]!.GetValue<bool>());
        Assert.Equal("normal", lead.Str("status"));
    }

    [Fact]
    public async Task ABadPoolChannelIsNamedToo()
    {
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsJsonAsync("/api/pool/leads",
            new { commandId = ApiHarness.NewCommandId(), name = "李四", phone = ApiHarness.NewPhone(), channel = "carrier pigeon" });

        Assert.Equal($"'carrier pigeon' is not a channel: use one of {Channels}.", await ReasonAsync(response, "channel"));
    }

    [Theory]
    [InlineData("""{"channel":0}""", "channel", $"0 is not a channel: use one of {Channels}.")]
    [InlineData("""{"channel":"1"}""", "channel", $"'1' is not a channel: use one of {Channels}.")]
    [InlineData("""{"channel":true}""", "channel", $"Expected a channel as a string: use one of {Channels}.")]
    public async Task IntegersAndOtherTypesAreRefusedListingTheNames(string channel, string field, string expected)
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();
        var json = JsonNode.Parse(channel)!.AsObject();
        json["commandId"] = ApiHarness.NewCommandId();
        json["name"] = "王小明";
        json["phone"] = ApiHarness.NewPhone();

        var response = await hq.PostAsync($"/api/stores/{store.StoreId}/visits", ApiHarness.RawJson(json.ToJsonString()));

        Assert.Equal(expected, await ReasonAsync(response, field));
    }

    [Fact]
    public async Task AnIntegerLevelAndRestDayAreRefusedNamingTheirPaths()
    {
        var store = TestStore.Create(1, 1);
        using var hq = await _api.HqAsync();
        var body = JsonSerializer.SerializeToNode(SetupBody(store), JsonTestExtensions.Web)!.AsObject();
        body["groups"]![0]!["designers"]![0]!["level"] = 0;

        var level = await hq.PutAsync($"/api/stores/{store.StoreId}", ApiHarness.RawJson(body.ToJsonString()));
        body["groups"]![0]!["designers"]![0]!["level"] = "senior";
        body["restDays"] = new JsonArray(1);
        var restDay = await hq.PutAsync($"/api/stores/{store.StoreId}", ApiHarness.RawJson(body.ToJsonString()));

        Assert.Equal($"0 is not a designer level: use one of {Levels}.", await ReasonAsync(level, "groups[0].designers[0].level"));
        Assert.Equal($"1 is not a day of the week: use one of {Days}.", await ReasonAsync(restDay, "restDays[0]"));
    }

    [Theory]
    [InlineData("walk-in", "walkIn")]
    [InlineData("walk_in", "walkIn")]
    [InlineData("Walk-In", "walkIn")]
    [InlineData("WALKIN", "walkIn")]
    [InlineData("walkIn", "walkIn")]
    [InlineData("Referral", "referral")]
    [InlineData(" event ", "event")]
    public async Task ChannelSpellingsAreAcceptedAndAnsweredWithTheCanonicalName(string spelling, string canonical)
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = ApiHarness.NewCommandId(), name = "王小明", phone = ApiHarness.NewPhone(), channel = spelling, referrerName = "老王" }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{visit.Str("leadId")}"));

        Assert.Equal(canonical, lead.Str("channel"));
    }

    [Fact]
    public async Task TheRulebooksDesignerLevelsAndShortDaysAreAcceptedAndAnsweredCanonically()
    {
        var store = TestStore.Create(1, 4);
        using var hq = await _api.HqAsync();

        var view = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}",
            SetupBody(store, levels: ["A6", "Style", "fine-finish", "FINE_FINISH"], restDays: ["mon", "Tuesday", "SUN"])));

        var levels = view["groups"]![0]!["designers"]!.AsArray().Select(d => d!.Str("level"));
        Assert.Equal(["senior", "style", "finish", "finish"], levels);
        var days = view["restDays"]!.AsArray().Select(d => d!.GetValue<string>()).Order();
        Assert.Equal(["monday", "sunday", "tuesday"], days);
    }

    [Fact]
    public async Task AnOutcomeInAnyCaseClosesTheLead()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/close",
            new { commandId = ApiHarness.NewCommandId(), outcome = "INVALID", reason = "other", note = "wrong number" }));

        Assert.False(lead["open"]!.GetValue<bool>());
        Assert.Equal("invalid", lead.Str("status"));
    }

    [Fact]
    public async Task AMultiWordStatusIsWrittenAsItsCamelCaseName()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/key-follow-up",
            new { commandId = ApiHarness.NewCommandId(), on = true }));

        Assert.Equal("keyFollowUp", lead.Str("status"));
    }

    [Theory]
    [InlineData("\"key-follow-up\"")]
    [InlineData("\"key_follow_up\"")]
    [InlineData("\"KEY-FOLLOW-UP\"")]
    [InlineData("\"keyfollowup\"")]
    public void KebabAndSnakeFormsOfEveryMultiWordMemberAreRead(string json)
    {
        var options = new JsonSerializerOptions { Converters = { new ApiEnumConverterFactory() } };

        Assert.Equal(LeadStatus.KeyFollowUp, JsonSerializer.Deserialize<LeadStatus>(json, options));
        Assert.Equal("\"keyFollowUp\"", JsonSerializer.Serialize(LeadStatus.KeyFollowUp, options));
    }

    [Theory]
    [InlineData("\"key-followup\"")]
    [InlineData("\"k-e-y-follow-up\"")]
    [InlineData("\"key follow up\"")]
    public void OnlyWholeWordsMakeAMultiWordSpelling(string json)
    {
        var options = new JsonSerializerOptions { Converters = { new ApiEnumConverterFactory() } };

        var error = Assert.Throws<EnumValueException>(() => JsonSerializer.Deserialize<LeadStatus>(json, options));
        Assert.Contains("use one of normal, measured, deposit, keyFollowUp, signed, invalid, lost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumsUsedAsDictionaryKeysRoundTripByName()
    {
        var options = new JsonSerializerOptions { Converters = { new ApiEnumConverterFactory() } };

        var json = JsonSerializer.Serialize(new Dictionary<VisitChannel, int> { [VisitChannel.WalkIn] = 2 }, options);
        var back = JsonSerializer.Deserialize<Dictionary<VisitChannel, int>>("""{"walk-in":3}""", options)!;

        Assert.Equal("""{"walkIn":2}""", json);
        Assert.Equal(3, back[VisitChannel.WalkIn]);
    }

    [Fact]
    public async Task TheOpenapiDocumentListsOnlyTheCanonicalNames()
    {
        using var client = _api.Anonymous();

        var document = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync("/openapi/v1.json"));

        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(Channels.Split(", "), Values(schemas["VisitChannel"]!));
        Assert.Equal(Levels.Split(", "), Values(schemas["DesignerLevel"]!));
        Assert.Equal(["lost", "invalid"], Values(schemas["LeadOutcome"]!));
        Assert.Equal(Days.Split(", "), Values(schemas["StoreSetupRequest"]!["properties"]!["restDays"]!["items"]!));
        Assert.Equal(Channels.Split(", "), Values(schemas["VisitRequest"]!["properties"]!["channel"]!));
        Assert.Contains("keyFollowUp", Values(schemas["LeadStatus"]!));
    }

    private static IEnumerable<string> Values(JsonNode schema) =>
        schema["enum"]!.AsArray().Where(v => v is not null).Select(v => v!.GetValue<string>());

    /// <summary>Asserts a 400 naming exactly <paramref name="field"/>; returns its reason.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, string field)
    {
        var body = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, field);
        var errors = body["errors"]!.AsObject();
        Assert.Single(errors);
        var reason = errors[field]![0]!.GetValue<string>();
        Assert.Equal(reason, body.Str("detail"));
        return reason;
    }

    private static object SetupBody(TestStore store, string[]? levels = null, string[]? restDays = null) => new
    {
        name = "Store " + store.StoreId,
        groups = store.ManagerIds.Select((m, i) => new
        {
            managerId = m,
            managerName = "Manager " + i,
            designers = store.DesignerIds[i].Select((d, j) => new { designerId = d, name = $"Designer {i}.{j}", level = levels?[j] ?? "style" }),
        }),
        rotation = store.ManagerIds,
        rotationStart = "2026-01-01",
        restDays = restDays ?? [],
    };
}
