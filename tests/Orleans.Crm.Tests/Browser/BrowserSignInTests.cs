using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium signs in to a staff page (console, service board, /hq) of a gateway that hands out no dev tokens (as in
/// production): the bootstrap admin's first password, the forced new password, the live board connection, a reload that
/// keeps the session, and signing out, which revokes the refresh token the page held.
/// </summary>
public sealed class BrowserSignInTests
{
    [Theory]
    [InlineData("/console", "crm-console")]
    [InlineData("/service", "crm-service")]
    [InlineData("/hq", "crm-hq")]
    public async Task TheBootstrapAdminSignsInOnAStaffPageChoosesAPasswordAndSignsOutForGood(string path, string storageKey)
    {
        var adminId = ApiHarness.NewId("admin");
        await using var gateway = LiveGateway.Start(new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "false",
            ["Auth:SigningKey"] = "browser-sign-in-test-signing-key-0123456789",
            ["Auth:BootstrapAdmin:UserId"] = adminId,
            ["Auth:BootstrapAdmin:Password"] = "Bootstrap-Pass1",
        });
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Http.PostAsJsonAsync("/api/dev/token", new { role = "hq" })).StatusCode);

        await using var page = await BrowserScript.StartAsync(
            "account-sign-in-check.mjs", new Uri(gateway.Address, path), $"sign-in-{path.Trim('/')}.png", adminId, "Bootstrap-Pass1", "Admin-Own-Pass2", storageKey);
        var ok = await page.ExpectAsync("OK", $"{path} did not sign in");
        var refreshToken = JsonDocument.Parse(ok[3..]).RootElement.GetProperty("refreshToken").GetString();
        await page.ExpectAsync("SIGNED-OUT", $"{path} did not sign out");
        await page.FinishAsync();

        var refresh = await gateway.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var signIn = await gateway.Http.PostAsJsonAsync("/api/auth/token", new { userId = adminId, password = "Admin-Own-Pass2" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
