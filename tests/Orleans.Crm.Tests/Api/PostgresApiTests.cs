using System.Net;
using System.Net.Http.Json;

namespace Orleans.Crm.Tests.Api;

/// <summary>Two gateway processes (each with its own silo) on one PostgreSQL database, as in the split deployment.</summary>
public sealed class PostgresApiTests
{
    [Fact]
    public async Task TwentyManagersRacingForOnePoolLeadOnTwoGatewaysGetExactlyOneWin()
    {
        await using var first = await ApiHarness.OnPostgresAsync();
        await using var second = await ApiHarness.OnPostgresAsync(first.ConnectionString);
        var stores = new[] { await first.StoreAsync(10, 1), await second.StoreAsync(10, 1) };
        Assert.Equal("KeyPreservingGrainStorage", first.StorageKind);
        Assert.Equal("KeyPreservingGrainStorage", second.StorageKind);
        var leadId = await first.PoolLeadAsync();
        var contenders = new List<(HttpClient Client, string StoreId, string ManagerId)>();
        foreach (var (store, gateway) in stores.Zip(new[] { first, second }))
        {
            foreach (var managerId in store.ManagerIds)
            {
                contenders.Add((await gateway.ClientAsync("manager", store.StoreId, managerId), store.StoreId, managerId));
            }
        }

        var responses = await Task.WhenAll(contenders.Select(c => c.Client.PostAsJsonAsync($"/api/pool/leads/{leadId}/claim", new { commandId = ApiHarness.NewCommandId() })));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Zip(bodies), r => Assert.True(r.First.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.First.StatusCode}: {r.Second}"));
        var winner = await ApiHarness.ExpectAsync(HttpStatusCode.OK, responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var body = await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, loser);
            Assert.Equal("already_claimed", body.Str("reason"));
            Assert.Equal(winner.Str("managerId"), body["claimedBy"]!.Str("managerId"));
            Assert.Equal(winner.Str("storeId"), body["claimedBy"]!.Str("storeId"));
        }

        foreach (var (client, _, _) in contenders)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task ADispatchRetriedOnAnotherGatewayWithTheSameCommandIdReturnsTheFirstResult()
    {
        await using var first = await ApiHarness.OnPostgresAsync();
        await using var second = await ApiHarness.OnPostgresAsync(first.ConnectionString);
        var store = await first.StoreAsync(1, 2);
        var visit = await first.VisitAsync(store);
        var request = new { commandId = ApiHarness.NewCommandId(), managerId = visit.Str("managerId") };
        using var viaFirst = await first.ClientAsync("manager", store.StoreId, visit.Str("managerId"));
        using var viaSecond = await second.ClientAsync("manager", store.StoreId, visit.Str("managerId"));

        var original = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await viaFirst.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", request));
        var retry = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await viaSecond.PostAsJsonAsync($"/api/leads/{visit.Str("leadId")}/dispatch", request));
        var designer = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await viaSecond.GetAsync($"/api/designers/{original.Str("designerId")}"));

        Assert.Equal(original.ToJsonString(), retry.ToJsonString());
        Assert.Single(designer["holding"]!.AsArray());
    }
}
