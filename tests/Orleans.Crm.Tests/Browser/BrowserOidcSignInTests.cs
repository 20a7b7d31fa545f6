using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Crm.Tests.Accounts;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium signs in to a staff page (console, /service, /hq) of a gateway with <c>Auth:Accounts</c> = oidc (no dev tokens, no
/// passwords of its own) through an OpenID Connect provider the test starts (OpenIddict, <see cref="TestOidcProvider"/>):
/// the company sign-in button, the provider's login page, back on the page as a store's supervisor (console) or HQ with
/// the live connection up on the provider's token, an API call, a reload, the token renewed with the refresh token, and signing out
/// through the provider's end-session endpoint.
/// </summary>
public sealed class BrowserOidcSignInTests
{
    [Theory]
    [InlineData("/console", "crm-console", "supervisor")]
    [InlineData("/service", "crm-service", "hq")]
    [InlineData("/hq", "crm-hq", "hq")]
    public async Task StaffSignInOnAPageThroughTheChainProviderUseTheApiAndTheLiveConnectionAndSignOutThere(string path, string storageKey, string role)
    {
        // Access tokens just over a minute long: oidc-client-ts renews a minute before expiry, so within the test.
        await using var provider = await TestOidcProvider.StartAsync(accessTokenLifetime: TimeSpan.FromSeconds(75));
        var store = TestStore.Create(1, 1);
        var (hqId, supervisorId) = (ApiHarness.NewId("hq"), ApiHarness.NewId("sup"));
        provider.AddPerson(hqId, "hq", null);
        provider.AddPerson(supervisorId, "Supervisor", store.StoreId);
        await using var gateway = LiveGateway.Start(provider.GatewaySettings());
        var pageUri = new Uri(gateway.Address, path);
        provider.AllowRedirectUri(pageUri.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Http.PostAsJsonAsync("/api/dev/token", new { role = "hq" })).StatusCode);

        // HQ (through the provider too) sets up the supervisor's store.
        var hq = await provider.SignInAsync(hqId, pageUri.ToString(), "openid " + TestOidcProvider.ApiScope);
        using (var setup = new HttpRequestMessage(HttpMethod.Put, $"/api/stores/{store.StoreId}") { Content = JsonContent.Create(store.SetupBody()) })
        {
            setup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hq.GetProperty("access_token").GetString());
            var answer = await gateway.Http.SendAsync(setup);
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        // The supervisor sees their store; HQ the whole chain (and reads any store's board).
        var (userId, whoStore) = role == "hq" ? (hqId, "全部门店") : (supervisorId, store.StoreId);
        await using var page = await BrowserScript.StartAsync(
            "oidc-sign-in-check.mjs", pageUri, $"oidc-sign-in-{path.Trim('/')}.png", userId, role, whoStore, store.StoreId, storageKey);
        var ok = JsonDocument.Parse((await page.ExpectAsync("OK", $"{path} did not sign in through the provider"))[3..]).RootElement;
        Assert.Contains(userId, ok.GetProperty("who").GetString(), StringComparison.Ordinal);
        var token = ok.GetProperty("token").GetString()!;
        Assert.Equal(TestOidcProvider.Audience, Claim(token, "aud"));
        var renewed = JsonDocument.Parse((await page.ExpectAsync("RENEWED", $"{path} did not renew its token"))[8..]).RootElement;
        Assert.NotEqual(token, renewed.GetProperty("token").GetString());
        await page.ExpectAsync("SIGNED-OUT", $"{path} did not sign out");
        await page.FinishAsync();

        Assert.Equal(1, provider.EndSessions);
    }

    private static string? Claim(string jwt, string name)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='))).RootElement;
        var value = json.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value[0].GetString() : value.GetString();
    }
}
