using System.Net;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Reporting;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 2 through the HTTP API (what users see). (a) 64 managers of 8 stores claim the same pool lead at once, over
/// many leads: exactly one winner per lead, the others told who has it. (b) A customer worked by 10 stores (the same
/// phone registered at each) gets a first deposit from all 10 at once: exactly one is accepted.
/// </summary>
public static class ClaimRaceScenario
{
    /// <summary>Stores whose managers race for pool leads.</summary>
    public const int ClaimStores = 8;

    /// <summary>Managers (groups) per store.</summary>
    public const int ManagersPerStore = 8;

    /// <summary>Rounds run first and not counted (JIT, connection pools, activations).</summary>
    public const int WarmUpRounds = 2;

    private const string Name = "2 claim race";
    private const int DepositStores = 10;

    /// <summary>Runs both races on <paramref name="topology"/>.</summary>
    public static async Task RunAsync(BenchContext context, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(topology);
        var api = topology.Api;
        var hq = await api.TokenAsync("hq");
        var label = $"{Name} ({topology.Name})";

        // Claims: 8 stores × 8 managers (one designer each: the claim does not dispatch).
        var stores = Fixtures.StoreIds("cr", ClaimStores);
        await Task.WhenAll(stores.Select(s => api.PutAsync($"api/stores/{s}", hq, Fixtures.StoreSetup(s, ManagersPerStore, 1))
            .ContinueWith(t => t.Result.EnsureOk($"PUT store {s}"), TaskScheduler.Default)));
        var managers = new List<(string ManagerId, string Token)>();
        foreach (var store in stores)
        {
            for (var g = 1; g <= ManagersPerStore; g++)
            {
                var managerId = Fixtures.ManagerId(store, g);
                managers.Add((managerId, await api.TokenAsync("manager", store, managerId)));
            }
        }

        var claims = new RaceResult();
        for (var round = -WarmUpRounds; round < context.Options.ClaimRounds; round++)
        {
            var posted = (await api.PostAsync("api/pool/leads", hq, new { commandId = Fixtures.CommandId(), name = "公海客户", phone = Fixtures.Phone(), channel = "phone" }))
                .EnsureOk("POST /api/pool/leads");
            var leadId = posted.Get("leadId")!;
            await Race.RunAsync(round >= 0 ? claims : new RaceResult(), [.. managers.Select(m => (Func<Task<RaceAnswer>>)(async () =>
                Answer(await api.PostAsync($"api/pool/leads/{leadId}/claim", m.Token, new { commandId = Fixtures.CommandId(), managerId = m.ManagerId }))))]);
        }

        ReportClaims(context, label, claims, "HTTP → gateway → pool grain");
        context.Report.Step($"claim winner via HTTP ({topology.Name}, 64 at once)", claims.Winners.P50, "+ HTTP and JWT for 64 requests at once, the gateway (+ its Orleans client hop in split)", over: "claim winner via Orleans client");

        // First deposits: the same customer registered at 10 stores, then 10 deposits at once.
        var depositStores = Fixtures.StoreIds("dr", DepositStores);
        await Task.WhenAll(depositStores.Select(s => api.PutAsync($"api/stores/{s}", hq, Fixtures.StoreSetup(s, 1, 2))
            .ContinueWith(t => t.Result.EnsureOk($"PUT store {s}"), TaskScheduler.Default)));
        var deposits = new RaceResult();
        for (var round = -WarmUpRounds; round < context.Options.DepositRounds; round++)
        {
            var phone = Fixtures.Phone();
            var leads = await Task.WhenAll(depositStores.Select(async s =>
                (await api.PostAsync($"api/stores/{s}/visits", hq, new { commandId = Fixtures.CommandId(), name = "交叉客户", phone, channel = "walkIn" }))
                    .EnsureOk($"POST visit at {s}").Get("leadId")!));
            await Race.RunAsync(round >= 0 ? deposits : new RaceResult(), [.. leads.Select(leadId => (Func<Task<RaceAnswer>>)(async () =>
                Answer(await api.PostAsync($"api/leads/{leadId}/deposit", hq, new { commandId = Fixtures.CommandId(), amount = 5000, payerName = "交叉客户" }))))]);
        }

        var floor = context.Floor.UpdateP50;
        context.Report.Add(new ResultRow(label, $"first deposit winner p50 / p99 ({DepositStores} stores, {deposits.RoundCount} customers)",
            Format.P50P99(deposits.Winners.P50, deposits.Winners.P99), deposits.Winners.P50 / floor, "floor p50", "p50 ≤ 3× floor", deposits.Winners.P50 <= 3 * floor));
        context.Report.Add(new ResultRow(label, "deposit refusals (409) p50 / p99",
            Format.P50P99(deposits.Refusals.P50, deposits.Refusals.P99), deposits.Refusals.P50 / floor, "floor p50"));
        context.Report.Add(new ResultRow(label, "deposit rounds without exactly one winner / errors",
            $"{deposits.BadRounds} / {deposits.Errors}", Target: "0 / 0", Met: deposits.BadRounds == 0 && deposits.Errors == 0));
        Explain(context, label, "deposits", deposits);
    }

    /// <summary>
    /// The claim rows of one race series: the winner against both baselines (the targets of issue 9), the refusals, the
    /// whole round, and the correctness row.
    /// </summary>
    public static void ReportClaims(BenchContext context, string label, RaceResult claims, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(claims);
        var floor = context.Floor.UpdateP50;
        var grainFloor = context.GrainFloor.WriteP50;
        var managers = ClaimStores * ManagersPerStore;
        context.Report.Add(new ResultRow(label, $"claim winner p50 / p99 ({managers} managers, {claims.RoundCount} leads)",
            Format.P50P99(claims.Winners.P50, claims.Winners.P99), claims.Winners.P50 / floor, "floor p50", "p50 ≤ 3× floor (stretch)", claims.Winners.P50 <= 3 * floor));
        context.Report.Add(new ResultRow(label, "claim winner p50 against the grain-write floor",
            Format.Ms(claims.Winners.P50), claims.Winners.P50 / grainFloor, "grain-write p50", "p50 ≤ 1.5× grain-write floor",
            double.IsNaN(grainFloor) ? null : claims.Winners.P50 <= 1.5 * grainFloor));
        context.Report.Add(new ResultRow(label, "claim refusals (409/429) p50 / p99",
            Format.P50P99(claims.Refusals.P50, claims.Refusals.P99), claims.Refusals.P50 / floor, "floor p50"));
        context.Report.Add(new ResultRow(label, $"claim race: whole round p50 ({managers} answers)", Format.Ms(claims.Rounds.P50), claims.Rounds.P50 / floor, "floor p50"));
        context.Report.Add(new ResultRow(label, "claim rounds without exactly one winner / errors",
            $"{claims.BadRounds} / {claims.Errors}", Target: "0 / 0", Met: claims.BadRounds == 0 && claims.Errors == 0));
        Explain(context, label, "claims", claims, path);
    }

    private static RaceAnswer Answer(ApiResponse response) => response.Status switch
    {
        HttpStatusCode.OK => new RaceAnswer(RaceOutcome.Won, response.Milliseconds),
        HttpStatusCode.Conflict => new RaceAnswer(RaceOutcome.Refused, response.Milliseconds),
        HttpStatusCode.TooManyRequests => new RaceAnswer(RaceOutcome.Limited, response.Milliseconds),
        _ => new RaceAnswer(RaceOutcome.Error, response.Milliseconds, $"{(int)response.Status}: {response.Body}"),
    };

    private static void Explain(BenchContext context, string label, string what, RaceResult result, string? path = null)
    {
        var text = $"{what}: {result.RoundCount} rounds, {result.Winners.Count} winners, {result.Refusals.Count} refusals ({result.Limited} at a limit), "
            + $"{result.Errors} other answers{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}. Warm-up rounds ({WarmUpRounds}) are not counted."
            + (path is null ? "" : $" Path: {path}.");
        context.Report.Note(label, text);
    }
}
