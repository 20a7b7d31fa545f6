using System.Collections.Immutable;
using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>Test data: store setups for the API and for grain calls, unique phone numbers and command ids.</summary>
public static class Fixtures
{
    /// <summary>Rotation anchor: any past date works; rest days are none, so every day has an on-duty manager.</summary>
    public const string RotationStart = "2025-01-06";

    private static readonly string[] Levels = ["senior", "style", "style", "finish"];
    private static readonly DesignerLevel[] GrainLevels = [DesignerLevel.Senior, DesignerLevel.Style, DesignerLevel.Style, DesignerLevel.Finish];

    // Phones must be unique across the run (one customer each) and look like mainland mobiles (13x … 19x).
    private static long _nextPhone = 100_000_000L + Random.Shared.Next(0, 400_000_000);

    private static long _nextCommand;

    /// <summary>A fresh mainland mobile number.</summary>
    public static string Phone() => "13" + Interlocked.Increment(ref _nextPhone).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A fresh command id.</summary>
    public static string CommandId() => "b" + Interlocked.Increment(ref _nextCommand).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Manager id of group <paramref name="group"/> (1-based) of a store.</summary>
    public static string ManagerId(string storeId, int group) => $"{storeId}-m{group}";

    /// <summary>The body of <c>PUT /api/stores/{storeId}</c>: <paramref name="groups"/> groups of <paramref name="designers"/> designers, no rest days.</summary>
    public static object StoreSetup(string storeId, int groups, int designers)
    {
        var groupList = Enumerable.Range(1, groups).Select(g => new
        {
            managerId = ManagerId(storeId, g),
            managerName = $"经理{g}",
            designers = Enumerable.Range(1, designers).Select(d => new
            {
                designerId = $"{storeId}-m{g}-d{d}",
                name = $"设计师{g}-{d}",
                level = Levels[(d - 1) % Levels.Length],
            }).ToArray(),
        }).ToArray();
        return new
        {
            name = $"Bench store {storeId}",
            groups = groupList,
            rotation = groupList.Select(g => g.managerId).ToArray(),
            rotationStart = RotationStart,
            restDays = Array.Empty<string>(),
        };
    }

    /// <summary>The same setup as <see cref="StoreSetup"/>, for <c>IStoreGrain.ConfigureAsync</c>.</summary>
    public static StoreSetup Setup(string storeId, int groups, int designers)
    {
        var groupList = Enumerable.Range(1, groups).Select(g => new GroupSetup(
            ManagerId(storeId, g),
            $"经理{g}",
            [.. Enumerable.Range(1, designers).Select(d => new DesignerSetup($"{storeId}-m{g}-d{d}", $"设计师{g}-{d}", GrainLevels[(d - 1) % GrainLevels.Length]))]));
        var list = groupList.ToImmutableArray();
        return new StoreSetup(
            $"Bench store {storeId}",
            list,
            [.. list.Select(g => g.ManagerId)],
            DateOnly.ParseExact(RotationStart, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            []);
    }

    /// <summary>Store ids <c>{prefix}-01</c> … .</summary>
    public static string[] StoreIds(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i.ToString("D2", CultureInfo.InvariantCulture)}")];
}
