using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Demo;

/// <summary>
/// Seeds the demo chain in the one-command local run: 3 stores × 3 groups × 4 designers (1 senior, 2 style, 1 finish),
/// a Monday rest day, and a few visits and dispatches so the boards are not empty. Every call carries a fixed command
/// id, so a restart on the same database changes nothing twice.
/// </summary>
public static class DemoChain
{
    /// <summary>The configuration key that turns seeding on (default false).</summary>
    public const string SeedKey = "Demo:Seed";

    /// <summary>The demo stores: id and name.</summary>
    public static IReadOnlyList<(string Id, string Name)> Stores { get; } =
    [
        ("sh-xuhui", "上海徐汇店 Shanghai Xuhui"),
        ("sh-pudong", "上海浦东店 Shanghai Pudong"),
        ("hz-xihu", "杭州西湖店 Hangzhou Xihu"),
    ];

    /// <summary>Registers the seeding when <c>Demo:Seed</c> is true.</summary>
    public static IServiceCollection AddDemoChain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetValue(SeedKey, false))
        {
            services.AddHostedService<DemoChainSeeder>();
        }

        return services;
    }

    /// <summary>Whether this process seeds the demo chain.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(SeedKey, false);

    /// <summary>Seeds every store; safe to repeat.</summary>
    public static async Task SeedAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
        var given = new[] { "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英" };
        for (var s = 0; s < Stores.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (storeId, name) = Stores[s];
            var groups = new List<GroupSetup>();
            for (var g = 1; g <= 3; g++)
            {
                var managerId = $"{storeId}-m{g}";
                var designers = new List<DesignerSetup>();
                var levels = new[] { DesignerLevel.Senior, DesignerLevel.Style, DesignerLevel.Style, DesignerLevel.Finish };
                for (var d = 0; d < 4; d++)
                {
                    var n = (s * 12) + ((g - 1) * 4) + d;
                    // One excellent-grade designer per group, so a visit asking for one (requestedGrade) can be dispatched in the demo.
                    designers.Add(new DesignerSetup($"{storeId}-g{g}d{d + 1}", $"{surnames[(n + 3) % surnames.Length]}{given[n % given.Length]}", levels[d], d + 1, d == 1 ? DesignerGrade.Excellent : null));
                }

                var m = (s * 3) + g;
                groups.Add(new GroupSetup(managerId, $"{surnames[(m * 7) % surnames.Length]}经理", [.. designers]));
            }

            var store = grains.GetGrain<IStoreGrain>(storeId);
            await store.ConfigureAsync(new StoreSetup(
                name,
                [.. groups],
                [.. groups.Select(x => x.ManagerId)],
                new DateOnly(2026, 1, 6),
                [DayOfWeek.Monday])).ConfigureAwait(false);

            // A few visitors, most dispatched: the board shows holdings, a queue-able lead and a ticker.
            var visitors = new[] { ("王小明", "13812345678"), ("李娜", "13987654321"), ("张伟", "13700001234"), ("刘洋", "15012348888"), ("陈静", "18655556666") };
            for (var v = 0; v < visitors.Length; v++)
            {
                var (customer, phone) = visitors[v];
                var storePhone = phone[..^1] + (char)('0' + ((phone[^1] - '0' + s) % 10));
                var visit = await store.RegisterVisitAsync(new RegisterVisit(customer, storePhone, VisitChannel.WalkIn), $"demo:{storeId}:visit:{v}").ConfigureAwait(false);
                var manager = visit.ManagerId ?? groups[0].ManagerId;
                if (v < 3)
                {
                    await store.DispatchAsync(new DispatchCommand(visit.LeadId, manager), $"demo:{storeId}:dispatch:{v}").ConfigureAwait(false);
                }
            }
        }
    }
}
