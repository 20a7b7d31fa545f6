using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Tests.Api;

namespace Orleans.Crm.Tests.Dashboard;

/// <summary>A browser sends no bearer header when it opens a page: it signs in once with an hq token and gets a cookie.</summary>
public sealed class DashboardSignInTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task TheSignInPageIsBilingualAndOffersADevTokenWhenTheyAreOn()
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.GetAsync("/dashboard/sign-in?ReturnUrl=%2Fdashboard%2F%23%2Fsilos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("总部登录", html, StringComparison.Ordinal);
        Assert.Contains("Head-office sign-in", html, StringComparison.Ordinal);
        Assert.Contains("name=\"token\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/dashboard/#/silos\"", html, StringComparison.Ordinal);
        Assert.Matches("name=\"devToken\" value=\"hq\" formnovalidate *>", html);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHqTokenSetsAnHttpOnlyStrictCookieScopedToTheDashboardThatOpensThePageAndItsData()
    {
        var token = await _api.TokenAsync("hq", userId: "hq-ops");
        using var browser = new DashboardBrowser(_api.Factory);

        using var signIn = await browser.PostFormAsync("/dashboard/sign-in", ("token", token), ("returnUrl", "/dashboard/"));

        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Equal("/dashboard/", signIn.Headers.Location!.OriginalString);
        var attributes = browser.LastSetCookie!.Split(';', StringSplitOptions.TrimEntries);
        Assert.StartsWith("crm_dashboard=", attributes[0], StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.OrdinalIgnoreCase) || a == "secure");

        using var page = await browser.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var counters = await browser.CountersAsync(silos: 1);
        Assert.Single(counters["hosts"]!.AsArray());
        using var stats = await browser.GetAsync("/dashboard/ClusterStats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task TheCookieLastsNoLongerThanTheTokenAndIsNoApiToken()
    {
        var token = await _api.TokenAsync("hq", userId: "hq-ops");
        using var browser = new DashboardBrowser(_api.Factory);

        await browser.SignInAsync(token);

        var cookie = browser.Cookies.GetCookies(new Uri(DashboardBrowser.Origin, "/dashboard/")).Single(c => c.Name == "crm_dashboard");
        var ticket = new JsonWebToken(cookie.Value);
        var pasted = new JsonWebToken(token);
        Assert.True(ticket.ValidTo <= pasted.ValidTo, $"cookie until {ticket.ValidTo:O}, token until {pasted.ValidTo:O}");
        Assert.True(ticket.ValidTo >= pasted.ValidTo.AddSeconds(-1));
        Assert.Equal(["orleans-crm/dashboard"], ticket.Audiences);
        Assert.Equal(("hq-ops", "hq"), (ticket.Subject, ticket.GetClaim("role").Value));

        // The browser keeps it to the dashboard, and the API would not take it anyway.
        Assert.Empty(browser.Cookies.GetCookieHeader(new Uri(DashboardBrowser.Origin, "/api/pool")));
        using var api = _api.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cookie.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/pool")).StatusCode);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("manager")]
    [InlineData("display")]
    public async Task ANonHqTokenIsRefusedWithAPageSayingWhyAndNoCookie(string role)
    {
        var token = await _api.TokenAsync(role, "s1", $"{role}-1");
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.PostFormAsync("/dashboard/sign-in", ("token", token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"This token's role is {role}: the dashboard is for head office (hq) only.", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($"此令牌的角色是 {role}", html, StringComparison.Ordinal);
        Assert.Null(browser.LastSetCookie);
    }

    [Fact]
    public async Task TokensTheApiWouldRefuseAreRefusedAndSetNoCookie()
    {
        var now = DateTime.UtcNow;
        var refused = new[]
        {
            "not-a-token",
            Mint(CrmAuthOptions.DevelopmentSigningKey, "orleans-crm", now.AddHours(-2), now.AddMinutes(-5)),          // expired
            Mint("another-gateway-key-that-is-at-least-32-bytes-long", "orleans-crm", now, now.AddHours(1)),          // foreign key
            Mint(CrmAuthOptions.DevelopmentSigningKey, "orleans-crm/dashboard", now, now.AddHours(1)),                // a cookie's audience
        };
        using var browser = new DashboardBrowser(_api.Factory);

        foreach (var token in refused)
        {
            using var response = await browser.PostFormAsync("/dashboard/sign-in", ("token", token));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This token is not valid here, or it has expired.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var empty = await browser.PostFormAsync("/dashboard/sign-in", ("token", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Null(browser.LastSetCookie);
    }

    [Fact]
    public async Task ATamperedCookieCountsAsNoCookie()
    {
        using var browser = new DashboardBrowser(_api.Factory);
        await browser.SignInAsync(await _api.TokenAsync("hq"));
        var uri = new Uri(DashboardBrowser.Origin, "/dashboard/");
        var cookie = browser.Cookies.GetCookies(uri).Single(c => c.Name == "crm_dashboard");
        var parts = cookie.Value.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]);
        Assert.Contains("\"sub\":\"hq\"", payload, StringComparison.Ordinal);
        payload = payload.Replace("\"sub\":\"hq\"", "\"sub\":\"hx\"", StringComparison.Ordinal);
        cookie.Value = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        using var response = await browser.GetAsync("/dashboard/version");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/dashboard/sign-in", new Uri(DashboardBrowser.Origin, response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithDevTokensOnOneClickSignsIn()
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var signIn = await browser.PostFormAsync("/dashboard/sign-in", ("devToken", "hq"), ("token", ""));
        using var version = await browser.GetAsync("/dashboard/version");

        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/index.html", "/dashboard/index.html")]
    [InlineData("/dashboard", "/dashboard")]
    [InlineData("https://evil.example/dashboard/", "/dashboard/")]
    [InlineData("//evil.example/dashboard/", "/dashboard/")]
    [InlineData("/dashboard/\\evil", "/dashboard/")]
    [InlineData("/api/pool", "/dashboard/")]
    [InlineData("/dashboard-elsewhere", "/dashboard/")]
    [InlineData("/dashboard/sign-in", "/dashboard/")]
    [InlineData("", "/dashboard/")]
    public async Task AfterSigningInTheBrowserGoesBackOnlyToADashboardPage(string returnUrl, string expected)
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.PostFormAsync("/dashboard/sign-in", ("token", await _api.TokenAsync("hq")), ("returnUrl", returnUrl));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheReturnUrlIsEncodedIntoThePage()
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.GetAsync("/dashboard/sign-in?ReturnUrl=" + Uri.EscapeDataString("/dashboard/\"><script>alert(1)</script>"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutDropsTheCookie()
    {
        using var browser = new DashboardBrowser(_api.Factory);
        await browser.SignInAsync(await _api.TokenAsync("hq"));

        using var signOut = await browser.PostFormAsync("/dashboard/sign-out");
        using var after = await browser.GetAsync("/dashboard/version");

        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.Equal("/dashboard/sign-in", signOut.Headers.Location!.OriginalString);
        Assert.Empty(browser.Cookies.GetCookies(new Uri(DashboardBrowser.Origin, "/dashboard/")));
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
    }

    [Fact]
    public async Task ASignInThatIsNotAFormIs415()
    {
        using var browser = new DashboardBrowser(_api.Factory);

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/dashboard/sign-in")
        {
            Content = new StringContent("""{"token":"x"}""", Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static string Mint(string key, string audience, DateTime from, DateTime to) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "orleans-crm",
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "hq", ["role"] = "hq" },
            Subject = new ClaimsIdentity(),
            IssuedAt = from,
            NotBefore = from,
            Expires = to,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
