using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Accounts;

/// <summary>Built-in accounts on PostgreSQL: sign-in, lockout, refresh, sign-out, the bootstrap admin (issue 16).</summary>
public sealed class SignInTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string Initial = "Initial-Pass1";
    private const string Own = "My-Own-Pass2";

    private readonly ApiHarness _api = fixture.Api;

    /// <summary>A front-desk person of a fresh store who has set their own password; returns (userId, storeId, tokens).</summary>
    private async Task<(string UserId, string StoreId, System.Text.Json.Nodes.JsonObject Tokens)> FrontDeskAsync()
    {
        var store = await _api.StoreAsync(1, 1);
        var userId = ApiHarness.NewId("fd");
        await fixture.CreateStaffAsync(new { userId, name = "前台 小李", role = "frontdesk", storeId = store.StoreId, initialPassword = Initial });
        using var client = _api.Anonymous();
        return (userId, store.StoreId, await AccountsFixture.FirstSignInAsync(client, userId, Initial, Own));
    }

    [Fact]
    public async Task TheBootstrapAdminMustChangeItsPasswordBeforeTheApiOpensAndThenActsAsHq()
    {
        using var client = _api.Anonymous();

        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, fixture.AdminId, AccountsFixture.AdminPassword));

        Assert.True(first["passwordChangeRequired"]!.GetValue<bool>());
        using (var waiting = fixture.Bearer(first.Str("accessToken")))
        {
            var refused = await waiting.GetAsync($"/api/stores/{ApiHarness.NewId("s")}/board");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var changed = await AccountsFixture.FirstSignInAsync(client, fixture.AdminId, AccountsFixture.AdminPassword, "Admin-Own-Pass3");
        var token = new JsonWebToken(changed.Str("accessToken"));
        Assert.Equal("hq", token.GetClaim("role").Value);
        Assert.Equal(fixture.AdminId, token.Subject);
        using var hq = fixture.Bearer(changed.Str("accessToken"));
        var store = TestStore.Create(1, 1);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));

        // The first password no longer opens the account.
        var old = await AccountsFixture.SignInAsync(client, fixture.AdminId, AccountsFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsA401ProblemAndTheRightOneGivesShortLivedTokensWithRoleAndStore()
    {
        var (userId, storeId, _) = await FrontDeskAsync();
        using var client = _api.Anonymous();

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Unauthorized, await AccountsFixture.SignInAsync(client, userId, "Wrong-Pass9"), "password");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Unauthorized, await AccountsFixture.SignInAsync(client, ApiHarness.NewId("nobody"), Own), "password");
        var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Own));

        Assert.Equal(900, body["expiresIn"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body.Str("refreshToken")));
        var token = new JsonWebToken(body.Str("accessToken"));
        Assert.Equal("frontdesk", token.GetClaim("role").Value);
        Assert.Equal(storeId, token.GetClaim("store_id").Value);
        Assert.Equal(userId, token.Subject);
        Assert.InRange(token.ValidTo - token.IssuedAt, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15.1));
        using var frontDesk = fixture.Bearer(body.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{storeId}/board"));
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/api/stores/{ApiHarness.NewId("s")}/board")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswordsInARowLockTheAccountFor15MinutesEvenAgainstTheRightPassword()
    {
        var (userId, _, _) = await FrontDeskAsync();
        using var client = _api.Anonymous();

        for (var i = 0; i < 5; i++)
        {
            await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Unauthorized, await AccountsFixture.SignInAsync(client, userId, $"Wrong-Pass{i}"), "password");
        }

        var locked = await AccountsFixture.SignInAsync(client, userId, Own);

        var body = await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.TooManyRequests, locked, "userId");
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 14 * 60, 15 * 60);
        Assert.InRange(body["lockedUntil"]!.GetValue<DateTimeOffset>() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Fact]
    public async Task FailuresThatAreNotInARowDoNotLockTheAccount()
    {
        var (userId, _, _) = await FrontDeskAsync();
        using var client = _api.Anonymous();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AccountsFixture.SignInAsync(client, userId, $"Wrong-Pass{i}")).StatusCode);
        }

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Own));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AccountsFixture.SignInAsync(client, userId, $"Wrong-Pass{i}")).StatusCode);
        }

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Own));
    }

    [Fact]
    public async Task ARefreshTokenGivesANewWorkingTokenPairAndAGarbledOneIs401()
    {
        var (_, storeId, tokens) = await FrontDeskAsync();
        using var client = _api.Anonymous();

        var refreshed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Str("refreshToken") }));

        Assert.NotEqual(tokens.Str("accessToken"), refreshed.Str("accessToken"));
        using var frontDesk = fixture.Bearer(refreshed.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await frontDesk.GetAsync($"/api/stores/{storeId}/board"));
        var garbled = tokens.Str("refreshToken")[..^4] + "AAAA";
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Unauthorized, await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = garbled }), "refreshToken");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.Unauthorized, await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "no-dot" }), "refreshToken");
    }

    [Fact]
    public async Task SigningOutRevokesTheRefreshTokens()
    {
        var (userId, _, tokens) = await FrontDeskAsync();
        using var client = _api.Anonymous();
        var other = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Own));

        var signOut = await client.PostAsJsonAsync("/api/auth/sign-out", new { refreshToken = tokens.Str("refreshToken") });

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = other.Str("refreshToken") })).StatusCode);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Own));
    }

    [Fact]
    public async Task ANewPasswordMustPassIdentitysRulesAndTheCurrentOneMustBeRight()
    {
        var store = await _api.StoreAsync(1, 1);
        var userId = ApiHarness.NewId("pm");
        await fixture.CreateStaffAsync(new { userId, name = "项目经理 老周", role = "pm", storeId = store.StoreId, initialPassword = Initial });
        using var client = _api.Anonymous();
        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Initial));
        using var waiting = fixture.Bearer(first.Str("accessToken"));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await waiting.PostAsJsonAsync("/api/auth/password", new { currentPassword = Initial, newPassword = "short" }), "newPassword");
        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, await waiting.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Wrong-Pass1", newPassword = Own }), "currentPassword");

        var again = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await AccountsFixture.SignInAsync(client, userId, Initial));
        Assert.True(again["passwordChangeRequired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ATokenPairFromOneGatewayRefreshesOnAnotherGatewayOfTheSameDatabase()
    {
        var (_, storeId, tokens) = await FrontDeskAsync();
        await using var second = await ApiHarness.OnPostgresAsync(_api.ConnectionString);
        using var client = second.Anonymous();

        var refreshed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Str("refreshToken") }));

        client.DefaultRequestHeaders.Authorization = new("Bearer", refreshed.Str("accessToken"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync($"/api/stores/{storeId}/board"));
    }
}
