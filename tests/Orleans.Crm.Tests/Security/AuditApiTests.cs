using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Security;

/// <summary>
/// <c>GET /api/audit</c> (issue 14): every read of a customer's full details and every export is recorded with who,
/// when, which customer or export and from which address; HQ reads the list; bad input is a 400 naming the field.
/// </summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private readonly ApiHarness _api = ApiHarness.InMemory(ClientAddress.Configure);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task AFullReadOfALeadIsAuditedWithTheReaderTheCustomerTheTimeAndTheAddress()
    {
        var store = await _api.StoreAsync();
        var visit = await _api.VisitAsync(store);
        var (leadId, customerId) = (visit.Str("leadId"), visit.Str("customerId"));
        var reader = ApiHarness.NewId("sup");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, reader);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/leads/{leadId}"));

        var entries = await AuditAsync($"customerId={customerId}");
        var entry = Assert.Single(entries);
        Assert.Equal("customer-read", entry.Str("kind"));
        Assert.Equal(reader, entry.Str("userId"));
        Assert.Equal("supervisor", entry.Str("role"));
        Assert.Equal(store.StoreId, entry.Str("storeId"));
        Assert.Equal(customerId, entry.Str("customerId"));
        Assert.Equal("lead", entry.Str("what"));
        Assert.Equal(leadId, entry.Str("subject"));
        Assert.Equal(ClientAddress.Test.ToString(), entry.Str("address"));
        var at = entry["at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(at, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task AMaskedViewIsNotAReadOfTheDetailsButACustomerLookupInFullIs()
    {
        var store = await _api.StoreAsync();
        var (leadId, designerId, _) = await _api.DispatchedLeadAsync(store);
        var customerId = (await ApiHarness.ExpectAsync(HttpStatusCode.OK, await (await _api.HqAsync()).GetAsync($"/api/leads/{leadId}"))).Str("customerId");
        var other = store.AllDesigners.First(d => d != designerId);
        using var otherDesigner = await _api.ClientAsync("designer", store.StoreId, other);
        using var holder = await _api.ClientAsync("designer", store.StoreId, designerId);

        var masked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await otherDesigner.GetAsync($"/api/leads/{leadId}"));
        Assert.Contains("*", masked.Str("phone"), StringComparison.Ordinal);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await holder.GetAsync($"/api/customers/{customerId}"));

        var entries = await AuditAsync($"customerId={customerId}");
        Assert.DoesNotContain(entries, e => e.Str("userId") == other);
        Assert.Contains(entries, e => e.Str("userId") == designerId && e.Str("what") == "customer" && e.Str("subject") == customerId);
    }

    [Fact]
    public async Task AnExportIsInTheSameAuditWithItsAddressAndTheUserFilterKeepsOnlyThatUser()
    {
        var store = await _api.StoreAsync();
        await _api.VisitAsync(store);
        var exporter = ApiHarness.NewId("sup");
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId, exporter);
        var response = await supervisor.GetAsync($"/api/exports/register.xlsx?storeId={store.StoreId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entries = await AuditAsync($"userId={exporter}");
        var export = Assert.Single(entries);
        Assert.Equal("export", export.Str("kind"));
        Assert.Equal("register", export.Str("what"));
        Assert.StartsWith("export-", export.Str("subject"), StringComparison.Ordinal);
        Assert.Equal(ClientAddress.Test.ToString(), export.Str("address"));
        Assert.Contains($"storeId={store.StoreId}", export.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePeriodBoundsTheEntries()
    {
        var store = await _api.StoreAsync();
        var visit = await _api.VisitAsync(store);
        var reader = ApiHarness.NewId("hq");
        using var hq = await _api.ClientAsync("hq", userId: reader);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{visit.Str("leadId")}"));
        var now = DateTimeOffset.UtcNow;

        Assert.Single(await AuditAsync($"userId={reader}&from={Instant(now.AddMinutes(-5))}&to={Instant(now.AddMinutes(5))}"));
        Assert.Empty(await AuditAsync($"userId={reader}&from={Instant(now.AddMinutes(5))}"));
        Assert.Empty(await AuditAsync($"userId={reader}&to=2020-01-01"));
    }

    [Fact]
    public async Task OnlyHeadOfficeReadsTheAudit()
    {
        var store = await _api.StoreAsync();
        using var supervisor = await _api.ClientAsync("supervisor", store.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await supervisor.GetAsync("/api/audit"));
    }

    [Theory]
    [InlineData("customerId=bad%20id!", "customerId")]
    [InlineData("userId=%3Cscript%3E", "userId")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-10&to=2026-11-01", "to")]
    public async Task BadInputIsAProblemNamingTheField(string query, string field)
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await hq.GetAsync($"/api/audit?{query}"), field);
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));

    private async Task<List<JsonObject>> AuditAsync(string query)
    {
        using var hq = await _api.ClientAsync("hq", userId: "hq-auditor");
        var response = await hq.GetAsync($"/api/audit?{query}");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, response);
        return [.. (await response.Content.ReadFromJsonAsync<JsonArray>())!.Cast<JsonObject>()];
    }
}
