using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Accounts;

/// <summary>
/// <c>Auth:Accounts</c> = oidc against an OpenID Connect issuer the test starts itself (a discovery document and an RSA
/// key set on a loopback port): the gateway fetches the provider's keys, accepts its tokens with the configured
/// audience, maps the provider's role and store claims (named by <c>Auth:Claims:*</c>) onto the CRM's, and offers no
/// built-in sign-in.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private const string Audience = "crm-api";
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private WebApplication _issuer = null!;
    private string _authority = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _issuer = builder.Build();
        _issuer.MapGet("/.well-known/openid-configuration", (HttpContext c) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = _authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _issuer.MapGet("/jwks", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(PublicKey()) } }));
        await _issuer.StartAsync();
        _authority = _issuer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task TheChainProvidersTokenOpensTheApiWithItsRoleAndStoreMappedAndNothingElseDoes()
    {
        await using var api = new ApiHarness(new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:Accounts"] = "oidc",
            ["Auth:Authority"] = _authority,
            ["Auth:Audience"] = Audience,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:Claims:Role"] = "crm_role",
            ["Auth:Claims:Store"] = "shop",
            ["Auth:Claims:UserId"] = "employee_no",
            ["Auth:ClientId"] = "crm-pages",
        }));
        var store = TestStore.Create(1, 1);
        using var client = api.Anonymous();

        // HQ from the provider sets up a store; a supervisor of that store reads its board and not another store's.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["crm_role"] = "HQ", ["employee_no"] = "E001" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["crm_role"] = "supervisor", ["shop"] = store.StoreId, ["employee_no"] = "E002" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/stores/{store.StoreId}/board"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/stores/{ApiHarness.NewId("s")}/board")).StatusCode);

        // A role the CRM does not know, another audience, another key: refused.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["crm_role"] = "janitor", ["shop"] = store.StoreId }));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["crm_role"] = "hq" }, audience: "someone-else"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["crm_role"] = "hq" }, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);

        // The gateway's own sign-in does not exist in this mode; the pages are told so.
        client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/auth/token", new { userId = "E001", password = "Whatever-1" })).StatusCode);
        var config = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync("/api/auth/config"));
        Assert.Equal("oidc", config.Str("accounts"));

        // … and where to send people: the provider, the pages' client id and the default scopes.
        Assert.Equal(_authority, config.Str("authority"));
        Assert.Equal("crm-pages", config.Str("clientId"));
        Assert.Equal("openid profile offline_access", config.Str("scopes"));
    }

    [Fact]
    public async Task AProviderTokenOfADesignerWhoLeftIsRefusedAtOnceAlthoughItIsStillValid()
    {
        await using var api = new ApiHarness(new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:Accounts"] = "oidc",
            ["Auth:Authority"] = _authority,
            ["Auth:Audience"] = Audience,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:ClientId"] = "crm-pages",
        }));
        var store = TestStore.Create(1, 2);
        using var hq = api.Anonymous();
        hq.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["role"] = "hq", ["sub"] = ApiHarness.NewId("hq") }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));
        var (leaving, staying) = (store.DesignerIds[0][0], store.DesignerIds[0][1]);
        using var designer = api.Anonymous();
        designer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["role"] = "designer", ["store_id"] = store.StoreId, ["sub"] = leaving }));
        using var colleague = api.Anonymous();
        colleague.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(new() { ["role"] = "designer", ["store_id"] = store.StoreId, ["sub"] = staying }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await designer.GetAsync($"/api/stores/{store.StoreId}/board"));

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/staff/{leaving}/leave", new { commandId = ApiHarness.NewCommandId(), effective = "2026-11-30" }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await designer.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await colleague.GetAsync($"/api/stores/{store.StoreId}/board"));
    }

    [Fact]
    public async Task ATokenTheOpenIddictProviderIssuesThroughTheCodeFlowOpensTheApiAndItsRefreshTokenRenewsIt()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        const string page = "http://127.0.0.1:5000/console";
        provider.AllowRedirectUri(page);
        var store = TestStore.Create(1, 1);
        var (hqId, supervisorId) = (ApiHarness.NewId("hq"), ApiHarness.NewId("sup"));
        provider.AddPerson(hqId, "HQ", null);
        provider.AddPerson(supervisorId, "Supervisor", store.StoreId);
        await using var api = new ApiHarness(new GatewayFactory(settings: provider.GatewaySettings()));
        using var client = api.Anonymous();
        const string scopes = "openid profile offline_access " + TestOidcProvider.ApiScope;

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await provider.SignInAsync(hqId, page, scopes)).GetProperty("access_token").GetString());
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));

        // The supervisor's token, as the pages get it: who it names after the claim mapping, and the store's board.
        var tokens = await provider.SignInAsync(supervisorId, page, scopes);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var me = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync("/api/auth/me"));
        Assert.Equal((supervisorId, "supervisor", store.StoreId), (me.Str("userId"), me.Str("role"), me.Str("storeId")));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/stores/{store.StoreId}/board"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/stores/{ApiHarness.NewId("s")}/board")).StatusCode);

        // The refresh token the pages renew with gives a new access token that opens the API as well.
        var renewed = await provider.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
        Assert.NotEqual(tokens.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed.GetProperty("access_token").GetString());
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/stores/{store.StoreId}/board"));

        // Without the API's scope the provider leaves the audience out: the gateway refuses the token.
        var noAudience = await provider.SignInAsync(supervisorId, page, "openid profile");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", noAudience.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/stores/{store.StoreId}/board")).StatusCode);
    }

    [Fact]
    public void OidcWithoutAClientIdIsRefusedAtStartNamingTheKey()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Auth:Accounts"] = "oidc",
            ["Auth:Authority"] = _authority,
            ["Auth:RequireHttpsMetadata"] = "false",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Auth:ClientId", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OidcWithoutAnAuthorityIsRefusedAtStartNamingTheKey()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Auth:Accounts"] = "oidc" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Auth:Authority", error.ToString(), StringComparison.Ordinal);
    }

    private RsaSecurityKey PublicKey() => new(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId };

    private string Issue(Dictionary<string, object> claims, string audience = Audience, RsaSecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _authority,
            Audience = audience,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }
}
