using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Api;

/// <summary>The manager score on PostgreSQL: grain state and the journal (contracts, facts, survey forms) in the database.</summary>
public sealed class ManagerScoresPostgresTests
{
    [Fact]
    public async Task OnPostgresTheScoreReadsRecordedContractsEnteredFactsAndSurveyFormsFromTheJournal()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var factory = await GatewayFactory.OnPostgresAsync();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new RulesClock(clock))));
        Assert.Equal("KeyPreservingGrainStorage", app.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(CrmStorage.Provider).GetType().Name);
        var store = TestStore.Create(1, 2);
        using var hq = await ClientAsync(app, "hq");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody()));
        var managerId = store.ManagerIds[0];

        // Two consultations, one signed for 400,000.
        var leads = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = $"v{i}", name = "王小明", phone = ApiHarness.NewPhone(), channel = "walkIn" }));
            leads.Add(visit.Str("leadId"));
        }

        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leads[0]}/dispatch", new { commandId = "d", managerId }));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{leads[0]}/contract", new { commandId = "c", amount = 400_000, signerName = "王小明" }));
        using var supervisor = await ClientAsync(app, "supervisor", store.StoreId, "sup-1");
        using var designer = await ClientAsync(app, "designer", store.StoreId, store.DesignerIds[0][0]);
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.PutAsJsonAsync($"/api/managers/{managerId}/facts/2026Q4", new { mainMaterialSales = 100_000, phoneInvitations = 10, invitedVisits = 1, quarrels = 0 }));
        var form = new { commandId = "f", managerId, quarter = "2026Q4", answers = SurveyItems.Ids.ToDictionary(id => id, _ => "yes") };
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer.PostAsJsonAsync("/api/surveys", form));
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await designer.PostAsJsonAsync("/api/surveys", form));

        var card = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await supervisor.GetAsync($"/api/managers/{managerId}/scores?quarter=2026Q4"));

        // 1 of 2 signed: 50 % → 35 (no bonus below 60 %); survey 100 (designers only) → 15 +3; main material 100,000 of
        // 400,000 = 25 % → 30 − 25 = 5; 1 of 10 invited came: 10 % → 0; no callbacks due → 10. Total 68.
        decimal Points(string term) => card["terms"]!.AsArray().Single(t => t!.Str("term") == term)!["points"]!.GetValue<decimal>();
        Assert.Equal([35m, 15m, 5m, 0m, 10m], new[] { "consultation", "satisfaction", "main-material", "phone-invitation", "callbacks" }.Select(Points));
        Assert.Equal(400_000m, card["terms"]!.AsArray().Single(t => t!.Str("term") == "main-material")!["denominator"]!.GetValue<decimal>());
        Assert.Single(card["survey"]!["designers"]!.AsArray());
        Assert.Equal(68m, card["total"]!.GetValue<decimal>());
    }

    private static async Task<HttpClient> ClientAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string role, string? storeId = null, string? userId = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiHarness.IssueTokenAsync(client, role, storeId, userId));
        return client;
    }
}
