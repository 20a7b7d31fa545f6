using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Security;

/// <summary>
/// Behind the ingress (issue 14): <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed only from the proxies
/// in <c>Network:KnownProxies</c> / <c>Network:KnownNetworks</c>, so the audit records the client's address and HSTS
/// is sent on requests the ingress received over HTTPS. Every request of the test host comes from
/// <see cref="ClientAddress.Test"/> (the "ingress controller" here).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Client = "198.51.100.23";
    private const string Key = "a-test-key-of-more-than-32-bytes-0123456789";

    [Fact]
    public async Task ARequestThroughATrustedProxyIsAuditedWithTheForwardedClientAddress()
    {
        await using var api = ApiHarness.InMemory(ClientAddress.Configure, new Dictionary<string, string?> { ["Network:KnownProxies:0"] = ClientAddress.Test.ToString() });

        var entry = await ReadLeadThroughProxyAsync(api);

        Assert.Equal(Client, entry.Str("address"));
    }

    [Fact]
    public async Task ARequestThroughATrustedNetworkIsAuditedWithTheForwardedClientAddress()
    {
        await using var api = ApiHarness.InMemory(ClientAddress.Configure, new Dictionary<string, string?> { ["Network:KnownNetworks:0"] = "203.0.113.0/24" });

        var entry = await ReadLeadThroughProxyAsync(api);

        Assert.Equal(Client, entry.Str("address"));
    }

    [Fact]
    public async Task AForwardedAddressFromAnUntrustedSenderIsIgnoredAndTheConnectionsAddressIsAudited()
    {
        await using var api = ApiHarness.InMemory(ClientAddress.Configure, new Dictionary<string, string?> { ["Network:KnownNetworks:0"] = "10.244.0.0/16" });

        var entry = await ReadLeadThroughProxyAsync(api);

        Assert.Equal(ClientAddress.Test.ToString(), entry.Str("address"));
    }

    [Fact]
    public async Task ByDefaultNoProxyIsTrusted()
    {
        await using var api = ApiHarness.InMemory(ClientAddress.Configure);

        var entry = await ReadLeadThroughProxyAsync(api);

        Assert.Equal(ClientAddress.Test.ToString(), entry.Str("address"));
    }

    [Fact]
    public async Task AProxyNetworkThatIsNotCidrIsRefusedAtStartNamingTheKey()
    {
        await using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Network:KnownNetworks:0"] = "10.244.0.0/99" });

        var error = Assert.ThrowsAny<Exception>(() => (object)factory.Services);

        Assert.Contains("Network:KnownNetworks:0", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProductionAnHttpsForwardedRequestFromTheTrustedIngressGetsStrictTransportSecurity()
    {
        await using var api = ProductionHarness();
        using var client = PublicHostClient(api);

        using var https = Forwarded("https");
        var answer = await client.SendAsync(https);

        Assert.True(answer.Headers.TryGetValues("Strict-Transport-Security", out var values), $"no HSTS header on {answer.StatusCode}");
        Assert.Contains("max-age=", Assert.Single(values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProductionAPlainHttpRequestGetsNoStrictTransportSecurity()
    {
        await using var api = ProductionHarness();
        using var client = PublicHostClient(api);

        using var http = Forwarded("http");
        var answer = await client.SendAsync(http);

        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
    }

    private static ApiHarness ProductionHarness() => ApiHarness.InMemory(ClientAddress.Configure, new Dictionary<string, string?>
    {
        ["environment"] = "Production",
        ["Auth:DevTokens"] = "false",
        ["Auth:SigningKey"] = Key,
        ["Security:IdentityKey"] = Key,
        ["Network:KnownProxies:0"] = ClientAddress.Test.ToString(),
    });

    // HSTS is never sent to localhost (the framework excludes it), so the requests name the public host.
    private static HttpClient PublicHostClient(ApiHarness api)
        => api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://crm.example.com") });

    private static HttpRequestMessage Forwarded(string scheme)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-For", Client);
        request.Headers.Add("X-Forwarded-Proto", scheme);
        return request;
    }

    private static async Task<JsonObject> ReadLeadThroughProxyAsync(ApiHarness api)
    {
        var store = await api.StoreAsync();
        var visit = await api.VisitAsync(store);
        var (leadId, customerId) = (visit.Str("leadId"), visit.Str("customerId"));
        using var supervisor = await api.ClientAsync("supervisor", store.StoreId, ApiHarness.NewId("sup"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{leadId}");
        request.Headers.Add("X-Forwarded-For", Client);

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.SendAsync(request));

        using var hq = await api.ClientAsync("hq", userId: "hq-auditor");
        var response = await hq.GetAsync($"/api/audit?customerId={customerId}");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, response);
        var entries = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Cast<JsonObject>().ToList();
        return Assert.Single(entries, e => e.Str("what") == "lead");
    }
}
