using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Accounts;

/// <summary>
/// A gateway (with its silo) on a fresh PostgreSQL database with built-in accounts and a bootstrap HQ admin; dev tokens
/// stay on so tests can set up stores. Tests create their own people with fresh ids.
/// </summary>
public sealed class AccountsFixture : IAsyncLifetime
{
    public const string AdminPassword = "Bootstrap-Pass1";

    public string AdminId { get; } = ApiHarness.NewId("admin");

    public ApiHarness Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("acct");
        Api = new ApiHarness(new GatewayFactory(database, new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdmin:UserId"] = AdminId,
            ["Auth:BootstrapAdmin:Password"] = AdminPassword,

            // Departures recorded "by another gateway" reach this one's hub connections within seconds, not 30.
            ["Auth:StaffStatus:ConnectionRecheckInterval"] = "00:00:02",
        }));
        Assert.Equal("KeyPreservingGrainStorage", Api.StorageKind);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    /// <summary><c>POST /api/auth/token</c>.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userId, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userId, password });

    /// <summary>Creates a person through <c>POST /api/staff</c> as HQ (dev token) and returns the 201 body.</summary>
    public async Task<JsonObject> CreateStaffAsync(object body)
    {
        using var hq = await Api.HqAsync();
        return await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/staff", body));
    }

    /// <summary>Signs in with the initial password, sets <paramref name="newPassword"/> and returns the usable token pair.</summary>
    public static async Task<JsonObject> FirstSignInAsync(HttpClient client, string userId, string initialPassword, string newPassword)
    {
        var first = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await SignInAsync(client, userId, initialPassword));
        Assert.True(first["passwordChangeRequired"]!.GetValue<bool>());
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password")
        {
            Content = JsonContent.Create(new { currentPassword = initialPassword, newPassword }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first.Str("accessToken"));
        var changed = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.SendAsync(change));
        Assert.False(changed["passwordChangeRequired"]!.GetValue<bool>());
        return changed;
    }

    /// <summary>A client sending <paramref name="accessToken"/>.</summary>
    public HttpClient Bearer(string accessToken)
    {
        var client = Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
