using System.Net;

namespace Orleans.Crm.Tests.Api;

public sealed class CustomersApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task StaffOfAStoreWorkingTheCustomerSeeThemAcrossTheChain()
    {
        var a = await _api.StoreAsync(1, 1);
        var b = await _api.StoreAsync(1, 1);
        var phone = ApiHarness.NewPhone();
        var visitA = await _api.VisitAsync(a, phone);
        var visitB = await _api.VisitAsync(b, phone);
        using var frontDesk = await _api.ClientAsync("frontdesk", b.StoreId);

        var customer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/customers/{visitA.Str("customerId")}"));

        Assert.Equal(visitB.Str("customerId"), customer.Str("customerId"));
        Assert.Equal(phone, customer.Str("phone"));
        Assert.Equal(2, customer["openLeadIds"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("frontdesk")]
    [InlineData("manager")]
    [InlineData("designer")]
    public async Task StaffOfAStoreNotWorkingTheCustomerAreRefused(string role)
    {
        var a = await _api.StoreAsync(1, 1);
        var other = await _api.StoreAsync(1, 1);
        var visit = await _api.VisitAsync(a);
        using var client = await _api.ClientAsync(role, other.StoreId);

        await ApiHarness.ExpectAsync(HttpStatusCode.Forbidden, await client.GetAsync($"/api/customers/{visit.Str("customerId")}"));
    }

    [Fact]
    public async Task ADesignerNotServingTheCustomerSeesThemMasked()
    {
        var store = await _api.StoreAsync(1, 2);
        var (_, holder, _) = await _api.DispatchedLeadAsync(store, "13812345678");
        var visit = await _api.VisitAsync(store, "13812345678");
        var other = store.DesignerIds[0].First(d => d != holder);
        using var holding = await _api.ClientAsync("designer", store.StoreId, holder);
        using var notHolding = await _api.ClientAsync("designer", store.StoreId, other);

        var full = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await holding.GetAsync($"/api/customers/{visit.Str("customerId")}"));
        var masked = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await notHolding.GetAsync($"/api/customers/{visit.Str("customerId")}"));

        Assert.Equal("13812345678", full.Str("phone"));
        Assert.Equal("138****5678", masked.Str("phone"));
    }

    [Fact]
    public async Task AnUnknownCustomerIs404()
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/customers/{ApiHarness.NewId("c")}"), "customerId");
    }
}
