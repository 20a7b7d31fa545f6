using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Dashboard;

/// <summary>
/// A gateway as a browser sees it: redirects are not followed (the tests look at them) and cookies are kept in a real
/// <see cref="CookieContainer"/>, which honours the Path attribute the way a browser does.
/// </summary>
public sealed class DashboardBrowser : IDisposable
{
    public static readonly Uri Origin = new("http://localhost");

    private readonly HttpClient _http;

    public DashboardBrowser(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Origin });
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>The last Set-Cookie header for the dashboard cookie, verbatim.</summary>
    public string? LastSetCookie { get; private set; }

    public Task<HttpResponseMessage> GetAsync(string path, string? bearer = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), bearer);

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Key, string Value)[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) });

    /// <summary>Signs in with <paramref name="token"/>; asserts the redirect into the dashboard.</summary>
    public async Task SignInAsync(string token)
    {
        using var response = await PostFormAsync("/dashboard/sign-in", ("token", token));
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The dashboard's counters once its grain has gathered them (it refreshes about once a second).</summary>
    public Task<JsonObject> CountersAsync(int silos, string? bearer = null) =>
        Eventually.GetAsync(
            async () =>
            {
                using var response = await GetAsync("/dashboard/DashboardCounters", bearer);
                return await ApiHarness.ExpectAsync(HttpStatusCode.OK, response);
            },
            counters => counters["totalActiveHostCount"]?.GetValue<int>() == silos,
            $"the dashboard counts {silos} active silo(s)");

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? bearer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = new Uri(Origin, request.RequestUri!);
        var cookies = Cookies.GetCookieHeader(uri);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                Cookies.SetCookies(uri, setCookie);
                LastSetCookie = setCookie;
            }
        }

        request.Dispose();
        return response;
    }

    public void Dispose() => _http.Dispose();
}
