using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// A command whose state write cannot be durable (PostgreSQL is stopped) is never acknowledged: the grain restores its
/// previous state, the gateway retries within its budget and then answers 503 with problem details (never 500). Once
/// the database is back, the same command id applies once and is acknowledged; resending it changes nothing.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task AVisitWhilePostgreSqlIsDownIs503AndItsRetryAfterwardsAppliesOnce()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        await using var api = await ApiHarness.OnPostgresAsync(await server.CreateDatabaseAsync("outage"));
        var store = await api.StoreAsync(1, 2);
        using var frontdesk = await api.ClientAsync("frontdesk", store.StoreId);
        var path = $"/api/stores/{store.StoreId}/visits";
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontdesk.PostAsJsonAsync(path, new { commandId = ApiHarness.NewCommandId(), name = "王小明", phone = ApiHarness.NewPhone() }));
        var body = new { commandId = ApiHarness.NewCommandId(), name = "李娜", phone = ApiHarness.NewPhone() };

        await server.StopAsync();
        var during = await frontdesk.PostAsJsonAsync(path, body);

        var problem = await ApiHarness.ExpectAsync(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Contains("same command id", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", during.Headers.RetryAfter?.ToString());

        await server.StartAgainAsync();
        var applied = await Eventually.GetAsync(() => frontdesk.PostAsJsonAsync(path, body), r => r.StatusCode == HttpStatusCode.Created, "the visit is accepted once PostgreSQL is back");
        var first = await ApiHarness.ExpectAsync(HttpStatusCode.Created, applied);
        var again = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await frontdesk.PostAsJsonAsync(path, body));
        Assert.Equal(first.ToJsonString(), again.ToJsonString());

        // Read back from PostgreSQL (every activation collected): two visits, the retried one once, running numbers 1 and 2.
        await api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        using var hq = await api.HqAsync();
        var board = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/stores/{store.StoreId}/board"));
        var leads = board["todayLeads"]!.AsArray().Select(l => l!["leadId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, leads.Count);
        Assert.Contains(first.Str("leadId"), leads);
        Assert.Equal(2, first["runningNumber"]!.GetValue<int>());
    }
}
