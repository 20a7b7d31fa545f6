using System.Net;
using System.Net.Http.Json;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Tests.Api;
using Orleans.Crm.Tests.Board;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Observability;

/// <summary>
/// <c>GET /metrics</c> of a co-hosted gateway (no management endpoint: the app's own port): the business metrics count
/// exactly what a known sequence of commands decided, per store, and the board's screens and push lags; nothing a
/// customer told the showroom appears in it.
/// </summary>
public sealed class MetricsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task AKnownSequenceOfCommandsMovesTheBusinessMetricsOfEachStoreByExactlyWhatWasDecidedAndNoCustomerDataIsExposed()
    {
        var a = await Api.StoreAsync(groups: 1, designers: 2);
        var b = await Api.StoreAsync(groups: 1, designers: 1);
        var q = await Api.StoreAsync(groups: 1, designers: 1);
        using var hq = await Api.HqAsync();
        using var scraper = Api.Anonymous();
        var before = await Scrapes.ScrapeAsync(scraper);
        List<string> secrets = [];
        List<string> customerIds = [];
        List<string> leadIds = [];

        // Store A: three leads dispatched by the rules (its one group has room for four).
        var sharedPhone = ApiHarness.NewPhone();
        List<string> aLeads = [];
        foreach (var (name, phone) in new[] { ("欧阳娜娜", sharedPhone), ("司马青衫", ApiHarness.NewPhone()), ("上官婉儿", ApiHarness.NewPhone()) })
        {
            aLeads.Add(await DispatchAsync(hq, a, name, phone, HttpStatusCode.OK));
        }

        // Store Q: one designer with a cap of 2 takes two; the third lead waits in the queue.
        var qLeads = new[] { "慕容复", "段誉", "虚竹" }.Select((name, i) => (name, status: i < 2 ? HttpStatusCode.OK : HttpStatusCode.Conflict));
        foreach (var (name, status) in qLeads)
        {
            await DispatchAsync(hq, q, name, ApiHarness.NewPhone(), status);
        }

        // The customer of A's first lead also visits store B: A's deposit wins, B's is refused (以谁定单为准).
        var bLead = (await VisitAsync(hq, b, "欧阳娜娜", sharedPhone)).Str("leadId");
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/leads/{aLeads[0]}/deposit", new { commandId = ApiHarness.NewCommandId(), amount = 5000, payerName = "欧阳付款" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, await hq.PostAsJsonAsync($"/api/leads/{bLead}/deposit", new { commandId = ApiHarness.NewCommandId(), amount = 3000, payerName = "欧阳付款" }));
        secrets.Add("欧阳付款");

        // The pool: A's manager claims a lead; B's manager finds it claimed.
        var poolPhone = ApiHarness.NewPhone();
        secrets.AddRange(["诸葛孔明", poolPhone]);
        var posted = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/pool/leads", new { commandId = ApiHarness.NewCommandId(), name = "诸葛孔明", phone = poolPhone, channel = "web" }));
        leadIds.Add(posted.Str("leadId"));
        customerIds.Add(posted.Str("customerId"));
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.PostAsJsonAsync($"/api/pool/leads/{posted.Str("leadId")}/claim", new { commandId = ApiHarness.NewCommandId(), managerId = a.ManagerIds[0] }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Conflict, await hq.PostAsJsonAsync($"/api/pool/leads/{posted.Str("leadId")}/claim", new { commandId = ApiHarness.NewCommandId(), managerId = b.ManagerIds[0] }));

        // The answers came after the writes, and so after the measurements; only the scrape's short cache may lag.
        var expected = new (string Metric, (string, string)[] Labels, double Delta)[]
        {
            ("crm_dispatches_total", [("store", a.StoreId)], 3),
            ("crm_dispatches_total", [("store", a.StoreId), ("kind", "own_group"), ("from_queue", "false")], 3),
            ("crm_dispatches_total", [("store", q.StoreId)], 2),
            ("crm_dispatches_total", [("store", b.StoreId)], 0),
            ("crm_signings_total", [("store", a.StoreId), ("kind", "deposit"), ("outcome", "won")], 1),
            ("crm_signings_total", [("store", a.StoreId)], 1),
            ("crm_signings_total", [("store", b.StoreId), ("kind", "deposit"), ("outcome", "refused")], 1),
            ("crm_signings_total", [("store", b.StoreId)], 1),
            ("crm_claims_total", [("store", a.StoreId), ("outcome", "claimed")], 1),
            ("crm_claims_total", [("store", a.StoreId)], 1),
            ("crm_claims_total", [("store", b.StoreId), ("outcome", "already_claimed")], 1),
            ("crm_claims_total", [("store", b.StoreId)], 1),
        };
        var after = await Eventually.GetAsync(
            () => Scrapes.ScrapeAsync(scraper),
            m => expected.All(e => m.Sum(e.Metric, e.Labels) - before.Sum(e.Metric, e.Labels) >= e.Delta) && m.Series("crm_queue_length", ("store", q.StoreId)).Any(),
            "the business metrics reflect the commands");

        foreach (var (metric, labels, delta) in expected)
        {
            Assert.True(
                after.Sum(metric, labels) - before.Sum(metric, labels) == delta,
                $"{metric}{{{string.Join(",", labels.Select(l => $"{l.Item1}={l.Item2}"))}}} moved by {after.Sum(metric, labels) - before.Sum(metric, labels)}, not {delta}: {string.Join("; ", after.Series(metric))}");
        }

        Assert.Equal(1, Assert.Single(after.Series("crm_queue_length", ("store", q.StoreId))).Value);
        Assert.Equal(0, Assert.Single(after.Series("crm_queue_length", ("store", a.StoreId))).Value);

        // Names, phones, payers and customer ids (hashes of phones) are nowhere in the answer; no label names a lead.
        foreach (var secret in secrets.Concat(customerIds))
        {
            Assert.DoesNotContain(secret, after.Body, StringComparison.Ordinal);
        }

        var labelValues = after.Samples.SelectMany(s => s.Labels.Values).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(leadIds, labelValues.Contains);

        async Task<System.Text.Json.Nodes.JsonObject> VisitAsync(HttpClient client, TestStore store, string name, string phone)
        {
            secrets.AddRange([name, phone]);
            var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await client.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = ApiHarness.NewCommandId(), name, phone, channel = "walkIn" }));
            customerIds.Add(visit.Str("customerId"));
            leadIds.Add(visit.Str("leadId"));
            return visit;
        }

        async Task<string> DispatchAsync(HttpClient client, TestStore store, string name, string phone, HttpStatusCode status)
        {
            var visit = await VisitAsync(client, store, name, phone);
            var leadId = visit.Str("leadId");
            await ApiHarness.ExpectAsync(status, await client.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = ApiHarness.NewCommandId(), managerId = visit.Str("managerId") }));
            return leadId;
        }
    }

    [Fact]
    public async Task TheBoardMetricsCountAStoresScreensAndTheLagOfEveryEventSentToThem()
    {
        var store = await Api.StoreAsync();
        using var scraper = Api.Anonymous();
        var token = await Api.TokenAsync("display", store.StoreId);

        await using (var screen = await ScreenClient.SubscribeAsync(Api.Factory, token, store.StoreId))
        {
            await screen.WaitForAsync(m => m.Target == BoardMessages.BoardSnapshot, "the snapshot");
            await Api.DispatchedLeadAsync(store);
            await Eventually.UntilAsync(() => Task.FromResult(screen.Events.Count >= 2), "the visit's and the dispatch's events reach the screen");

            // One screen on this store, and every event sent to it measured once: pushed live, or read to catch up
            // (when the feed's position check saw an event before its push arrived).
            var metrics = await Eventually.GetAsync(
                () => Scrapes.ScrapeAsync(scraper),
                m => m.Sum("crm_board_push_lag_seconds_count", ("store", store.StoreId)) >= screen.Events.Count,
                "the pushes are measured");
            Assert.Equal(1, Assert.Single(metrics.Series("crm_board_screens", ("store", store.StoreId))).Value);
            Assert.Equal(screen.Events.Count, metrics.Sum("crm_board_push_lag_seconds_count", ("store", store.StoreId)));
            Assert.Equal(screen.Events.Count, metrics.Sum("crm_board_push_lag_seconds_bucket", ("store", store.StoreId), ("le", "+Inf")));
            Assert.All(metrics.Series("crm_board_push_lag_seconds_count", ("store", store.StoreId)), s => Assert.Contains(s.Labels["delivery"], new[] { "live", "catch_up" }));

            // A lag is decision → send on one gateway: well under the 60 s bucket here, and never negative.
            Assert.True(metrics.Sum("crm_board_push_lag_seconds_bucket", ("store", store.StoreId), ("le", "60")) == screen.Events.Count);
            Assert.InRange(metrics.Sum("crm_board_push_lag_seconds_sum", ("store", store.StoreId)), 0, 60 * screen.Events.Count);
        }

        // The screen has gone: the store's count is back to zero (the series stays, at 0).
        await Eventually.UntilAsync(
            async () => (await Scrapes.ScrapeAsync(scraper)).Sum("crm_board_screens", ("store", store.StoreId)) == 0,
            "the closed screen is no longer counted");
    }
}
