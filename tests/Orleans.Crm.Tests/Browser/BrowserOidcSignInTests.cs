using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Crm.Tests.Accounts;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium signs in to the staff console of a gateway with <c>Auth:Accounts</c> = oidc (no dev tokens, no
/// passwords of its own) through an OpenID Connect provider the test starts (OpenIddict, <see cref="TestOidcProvider"/>):
/// the company sign-in button, the provider's login page, back on the console as a store's supervisor with the live board
/// connected on the provider's token, an API call, a reload, the token renewed with the refresh token, and signing out
/// through the provider's end-session endpoint.
/// </summary>
public sealed class BrowserOidcSignInTests
{
    [Fact]
    public async Task ASupervisorSignsInOnTheConsoleThroughTheChainProviderWatchesTheLiveBoardAndSignsOutThere()
    {
        // Access tokens just over a minute long: oidc-client-ts renews a minute before expiry, so within the test.
        await using var provider = await TestOidcProvider.StartAsync(accessTokenLifetime: TimeSpan.FromSeconds(75));
        var store = TestStore.Create(1, 1);
        var (hqId, supervisorId) = (ApiHarness.NewId("hq"), ApiHarness.NewId("sup"));
        provider.AddPerson(hqId, "hq", null);
        provider.AddPerson(supervisorId, "Supervisor", store.StoreId);
        await using var gateway = LiveGateway.Start(provider.GatewaySettings());
        var console = new Uri(gateway.Address, "/console");
        provider.AllowRedirectUri(console.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Http.PostAsJsonAsync("/api/dev/token", new { role = "hq" })).StatusCode);

        // HQ (through the provider too) sets up the supervisor's store.
        var hq = await provider.SignInAsync(hqId, console.ToString(), "openid " + TestOidcProvider.ApiScope);
        using (var setup = new HttpRequestMessage(HttpMethod.Put, $"/api/stores/{store.StoreId}") { Content = JsonContent.Create(store.SetupBody()) })
        {
            setup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hq.GetProperty("access_token").GetString());
            var answer = await gateway.Http.SendAsync(setup);
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        await using var page = await BrowserScript.StartAsync(
            "oidc-sign-in-check.mjs", console, "oidc-sign-in-console.png", supervisorId, "supervisor", store.StoreId, "crm-console");
        var ok = JsonDocument.Parse((await page.ExpectAsync("OK", "the console did not sign in through the provider"))[3..]).RootElement;
        Assert.Contains(supervisorId, ok.GetProperty("who").GetString(), StringComparison.Ordinal);
        var token = ok.GetProperty("token").GetString()!;
        Assert.Equal(TestOidcProvider.Audience, Claim(token, "aud"));
        var renewed = JsonDocument.Parse((await page.ExpectAsync("RENEWED", "the console did not renew its token"))[8..]).RootElement;
        Assert.NotEqual(token, renewed.GetProperty("token").GetString());
        await page.ExpectAsync("SIGNED-OUT", "the console did not sign out");
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
