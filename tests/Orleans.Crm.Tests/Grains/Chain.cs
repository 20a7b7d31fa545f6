using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Grains;

/// <summary>Builds stores with fresh ids and drives them through the grain interfaces, as the gateway does.</summary>
public sealed class Chain(IGrainFactory grains)
{
    private static long _phoneSeed = Random.Shared.NextInt64(10_000_000, 89_999_999);

    public IGrainFactory Grains { get; } = grains;

    /// <summary>A fresh, valid mainland mobile number.</summary>
    public static string NewPhone() => $"139{Interlocked.Increment(ref _phoneSeed):00000000}";

    /// <summary>A store of <paramref name="groups"/> groups × 4 designers (senior, style, style, finish; ranks 1–4).</summary>
    public static StoreSetup Setup(string storeId, int groups = 3, DateOnly? rotationStart = null, IReadOnlyList<DayOfWeek>? restDays = null) => new(
        $"Store {storeId}",
        [.. Enumerable.Range(1, groups).Select(g => new GroupSetup(
            $"{storeId}-m{g}",
            $"Manager {g}",
            [
                new DesignerSetup($"{storeId}-g{g}-d1", $"Senior {g}", DesignerLevel.Senior, 1),
                new DesignerSetup($"{storeId}-g{g}-d2", $"Style {g}a", DesignerLevel.Style, 2),
                new DesignerSetup($"{storeId}-g{g}-d3", $"Style {g}b", DesignerLevel.Style, 3),
                new DesignerSetup($"{storeId}-g{g}-d4", $"Finish {g}", DesignerLevel.Finish, 4),
            ]))],
        [.. Enumerable.Range(1, groups).Select(g => $"{storeId}-m{g}")],
        rotationStart ?? new DateOnly(2026, 11, 21),
        [.. restDays ?? [DayOfWeek.Monday]]);

    public static string NewStoreId() => $"s{Guid.NewGuid():N}"[..12];

    public IStoreGrain Store(string storeId) => Grains.GetGrain<IStoreGrain>(storeId);

    public async Task<string> NewStoreAsync(int groups = 3, Season season = Season.Normal, DateOnly? rotationStart = null)
    {
        var storeId = NewStoreId();
        await Store(storeId).ConfigureAsync(Setup(storeId, groups, rotationStart));
        if (season == Season.Peak)
        {
            await Store(storeId).SetSeasonAsync(Season.Peak);
        }

        return storeId;
    }

    public Task<VisitRegistered> VisitAsync(string storeId, string? phone = null, string? appointmentWith = null, string name = "王小明", VisitChannel channel = VisitChannel.WalkIn, bool needsSenior = false) =>
        Store(storeId).RegisterVisitAsync(new RegisterVisit(name, phone ?? NewPhone(), channel, appointmentWith, Needs: needsSenior ? new CustomerNeeds(NeedsSenior: true) : null));

    public Task<DispatchOutcome> DispatchAsync(string storeId, string leadId, string managerId, string? designerId = null, string? reason = null) =>
        Store(storeId).DispatchAsync(new DispatchCommand(leadId, managerId, designerId, reason));

    public async Task<(VisitRegistered Visit, DispatchOutcome Dispatch)> VisitAndDispatchAsync(string storeId, string managerId, string? phone = null, string? appointmentWith = null)
    {
        var visit = await VisitAsync(storeId, phone, appointmentWith);
        return (visit, await DispatchAsync(storeId, visit.LeadId, managerId));
    }

    public async Task<IReadOnlyList<string>> HoldingAsync(string designerId) => (await DesignerAsync(designerId)).Holding;

    /// <summary>A designer as their store sees them (the directory says which store).</summary>
    public async Task<DesignerView> DesignerAsync(string designerId)
    {
        var storeId = await Grains.GetGrain<IDesignerGrain>(designerId).GetStoreAsync() ?? throw new InvalidOperationException($"{designerId} belongs to no store.");
        return (await Store(storeId).GetDesignerAsync(designerId))!;
    }

    /// <summary>Delivers a grain's sweep reminder now, as Orleans does when it is due (tests move the rules' clock, not Orleans's).</summary>
    public static Task SweepAsync(IAddressable grain) => grain.AsReference<IRemindable>().ReceiveReminder("sweep", default);

    /// <summary>A lead wherever it is now (store, archive or pool).</summary>
    public async Task<LeadView> LeadAsync(string leadId) => await Grains.FindAsync(leadId) ?? throw new InvalidOperationException($"No lead {leadId}.");
}
