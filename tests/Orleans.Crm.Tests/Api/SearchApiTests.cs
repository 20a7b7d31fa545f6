using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// <c>GET /api/search?q=</c> (issue 15): phone in any notation and partial, two name characters, running number; scoped
/// to the caller's stores and masked for the role; too-short text refused naming <c>q</c>.
/// </summary>
public sealed class SearchApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task AManagerFindsALeadOfTheirStoreByItsPhoneWrittenInAnyNotationOrByPartOfIt()
    {
        var store = await _api.StoreAsync();
        var phone = ApiHarness.NewPhone();
        var leadId = (await _api.VisitAsync(store, phone, UniqueName())).Str("leadId");
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        string[] notations =
        [
            phone,
            $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}",
            $"{phone[..3]}-{phone[3..7]}-{phone[7..]}",
            "0086" + phone,
            $"({phone[..3]}) {phone[3..7]}.{phone[7..]}",
            FullWidth(phone),
            phone[^4..],
            $"{phone[^8..^4]} {phone[^4..]}",
            phone[..7],
            phone[2..9],
        ];
        foreach (var q in notations)
        {
            var results = await SearchAsync(manager, q);
            var hit = results.Single(r => r.Str("kind") == "lead" && r.Str("leadId") == leadId);
            Assert.Equal((phone, store.StoreId), (hit.Str("phone"), hit.Str("storeId")));
            Assert.Contains(results, r => r.Str("kind") == "customer" && r.Str("customerId") == hit.Str("customerId"));
        }
    }

    [Fact]
    public async Task TwoCharactersOfANameOrTheRunningNumberFindTheLead()
    {
        var store = await _api.StoreAsync();
        var name = UniqueName();
        var visit = await _api.VisitAsync(store, name: name);
        var (leadId, runningNumber) = (visit.Str("leadId"), visit["runningNumber"]!.GetValue<int>());
        await _api.VisitAsync(store, name: UniqueName());
        using var frontDesk = await _api.ClientAsync("frontdesk", store.StoreId, ApiHarness.NewId("fd"));

        var byName = await SearchAsync(frontDesk, name[^2..]);
        var lead = Assert.Single(byName, r => r.Str("kind") == "lead");
        Assert.Equal((leadId, name, runningNumber, "normal"), (lead.Str("leadId"), lead.Str("name"), lead["runningNumber"]!.GetValue<int>(), lead.Str("status")));
        Assert.Single(await SearchAsync(frontDesk, $" {name[..2]} "), r => r.Str("kind") == "lead" && r.Str("leadId") == leadId);

        foreach (var q in new[] { $"#{runningNumber}", $"No.{runningNumber}", $"＃{runningNumber}" })
        {
            var byNumber = await SearchAsync(frontDesk, q);
            Assert.Equal([leadId], byNumber.Where(r => r.Str("kind") == "lead").Select(r => r.Str("leadId")));
        }
    }

    [Fact]
    public async Task HqFindsACustomerInEveryStoreWhileEachStoresStaffSeeOnlyTheirOwnStore()
    {
        var (east, west) = (await _api.StoreAsync(), await _api.StoreAsync());
        var phone = ApiHarness.NewPhone();
        var name = UniqueName();
        var eastLead = (await _api.VisitAsync(east, phone, name)).Str("leadId");
        var westLead = (await _api.VisitAsync(west, phone, name)).Str("leadId");
        using var hq = await _api.HqAsync();
        using var eastDesk = await _api.ClientAsync("frontdesk", east.StoreId, ApiHarness.NewId("fd"));
        using var westSupervisor = await _api.ClientAsync("supervisor", west.StoreId, ApiHarness.NewId("sup"));

        var all = await SearchAsync(hq, phone[^6..]);
        Assert.Equal(new[] { eastLead, westLead }.Order(StringComparer.Ordinal), all.Where(r => r.Str("kind") == "lead" && r.Str("phone") == phone).Select(r => r.Str("leadId")).Order(StringComparer.Ordinal));
        var customer = Assert.Single(all, r => r.Str("kind") == "customer" && r.Str("phone") == phone);
        Assert.Equal((west.StoreId, westLead), (customer.Str("storeId"), customer.Str("leadId")));

        foreach (var (client, store, own) in new[] { (eastDesk, east, eastLead), (westSupervisor, west, westLead) })
        {
            var mine = await SearchAsync(client, phone);
            Assert.All(mine, r => Assert.Equal(store.StoreId, r.Str("storeId")));
            Assert.Equal([own], mine.Where(r => r.Str("kind") == "lead").Select(r => r.Str("leadId")));
            Assert.Equal([own], (await SearchAsync(client, name[^2..])).Where(r => r.Str("kind") == "lead").Select(r => r.Str("leadId")));
        }
    }

    [Fact]
    public async Task ADesignerSeesMaskedResultsExceptForTheLeadTheyHoldAndTheStatusFollowsTheLead()
    {
        var store = await _api.StoreAsync(groups: 1, designers: 2);
        var phone = ApiHarness.NewPhone();
        var (leadId, holder, _) = await _api.DispatchedLeadAsync(store, phone);
        var other = store.AllDesigners.First(d => d != holder);
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leadId}/measurement", new { commandId = ApiHarness.NewCommandId() }));
        using var holding = await _api.ClientAsync("designer", store.StoreId, holder);
        using var notHolding = await _api.ClientAsync("designer", store.StoreId, other);
        using var manager = await _api.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);

        var masked = (await SearchAsync(notHolding, phone)).Single(r => r.Str("kind") == "lead");
        Assert.Equal((CustomerMask.Phone(phone), CustomerMask.Name("王小明")), (masked.Str("phone"), masked.Str("name")));
        Assert.DoesNotContain(phone, (await notHolding.GetStringAsync($"/api/search?q={phone}")), StringComparison.Ordinal);

        var full = (await SearchAsync(holding, phone)).Single(r => r.Str("kind") == "lead");
        Assert.Equal((phone, "王小明", "measured", leadId), (full.Str("phone"), full.Str("name"), full.Str("status"), full.Str("leadId")));
        Assert.Equal(phone, (await SearchAsync(manager, phone)).Single(r => r.Str("kind") == "lead").Str("phone"));
    }

    [Fact]
    public async Task AClaimedPoolLeadIsFoundByTheStoreThatClaimedItOnly()
    {
        var (claimant, other) = (await _api.StoreAsync(), await _api.StoreAsync());
        var phone = ApiHarness.NewPhone();
        var leadId = await _api.PoolLeadAsync(phone);
        using var manager = await _api.ClientAsync("manager", claimant.StoreId, claimant.ManagerIds[0]);
        using var otherManager = await _api.ClientAsync("manager", other.StoreId, other.ManagerIds[0]);
        Assert.Empty(await SearchAsync(manager, phone));

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = ApiHarness.NewCommandId() }));

        // Opening the lead hands it over to the store at once (else the pool's hand-off arrives on its own).
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/leads/{leadId}"));
        var hit = (await SearchAsync(manager, phone[^5..])).Single(r => r.Str("kind") == "lead" && r.Str("leadId") == leadId);
        Assert.Equal((claimant.StoreId, "李四", phone), (hit.Str("storeId"), hit.Str("name"), hit.Str("phone")));
        Assert.NotNull(hit["runningNumber"]);
        Assert.Empty(await SearchAsync(otherManager, phone));
    }

    [Theory]
    [InlineData("", "4 digits")]
    [InlineData("   ", "4 digits")]
    [InlineData("138", "at least 4 digits")]
    [InlineData("+86 13", "at least 4 digits")]
    [InlineData("王", "at least 2 characters")]
    [InlineData("#", "running number")]
    public async Task ATooShortSearchIsA400NamingQAndTheMinimum(string q, string reason)
    {
        using var hq = await _api.HqAsync();
        var body = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}"), "q");
        Assert.Contains(reason, body["errors"]!["q"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchWithoutQIsA400NamingQ()
    {
        using var hq = await _api.HqAsync();
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync("/api/search"), "q");
    }

    private static async Task<List<JsonNode>> SearchAsync(HttpClient client, string q)
    {
        var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}"));
        return [.. body["results"]!.AsArray().Select(r => r!)];
    }

    /// <summary>A name no other test registers: 客 and two random common CJK characters.</summary>
    private static string UniqueName() =>
        "客" + (char)Random.Shared.Next(0x4E00, 0x9FA5) + (char)Random.Shared.Next(0x4E00, 0x9FA5);

    private static string FullWidth(string digits) => string.Concat(digits.Select(c => (char)('０' + (c - '0'))));
}
