using System.Net;
using Orleans.Crm.Tests.Providers;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// The search on PostgreSQL (issue 14 "Search keeps working"): found through another gateway by partial phone and by
/// name, while the search tables hold only keyed tokens — none of the registered names or numbers.
/// </summary>
public sealed class SearchPostgresTests
{
    [Fact]
    public async Task OnPostgresTheSearchFindsCustomersWhileItsTablesHoldNoneOfTheirNamesOrNumbers()
    {
        await using var first = await ApiHarness.OnPostgresAsync();
        await using var second = await ApiHarness.OnPostgresAsync(first.ConnectionString);
        var store = await first.StoreAsync(groups: 1, designers: 2);
        var customers = new[] { ("欧阳娜娜", ApiHarness.NewPhone()), ("Zhang Weiming", ApiHarness.NewPhone()) };
        var leads = new List<string>();
        foreach (var (name, phone) in customers)
        {
            leads.Add((await first.VisitAsync(store, phone, name)).Str("leadId"));
        }

        using var manager = await second.ClientAsync("manager", store.StoreId, store.ManagerIds[0]);
        for (var i = 0; i < customers.Length; i++)
        {
            var (name, phone) = customers[i];
            foreach (var q in new[] { $"{phone[^8..^4]}-{phone[^4..]}", name[1..3], "+86" + phone })
            {
                var body = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await manager.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}"));
                var hit = Assert.Single(body["results"]!.AsArray(), r => r!.Str("kind") == "lead")!;
                Assert.Equal((leads[i], name, phone), (hit.Str("leadId"), hit.Str("name"), hit.Str("phone")));
            }
        }

        // Every value of every search row, as text: ids, times, running numbers and tokens; the tokens are there, the
        // customers are not.
        var dump = string.Join("\n", (await Sql.RowsAsync(first.ConnectionString!, """
            SELECT concat_ws('|', lead_id, store_id, customer_id, running_number, registered_at) FROM crm_search_lead
            UNION ALL SELECT concat_ws('|', token, lead_id) FROM crm_search_token
            """)).Select(r => (string)r[0]!));
        var tokens = await Sql.ScalarAsync<long>(first.ConnectionString!, "SELECT count(*) FROM crm_search_token WHERE lead_id = ANY(@leads)", ("leads", leads.ToArray()));
        Assert.True(tokens > 2 * 36, $"each lead has its digit-run and bigram tokens (got {tokens})");
        foreach (var (name, phone) in customers)
        {
            string[] secrets = [phone, phone[^8..], phone[..7], name, name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), name[..2], name[^2..]];
            Assert.All(secrets, s => Assert.DoesNotContain(s, dump, StringComparison.OrdinalIgnoreCase));
        }
    }
}
