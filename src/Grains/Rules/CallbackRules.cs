using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Callback deadlines (DOMAIN §7), on the store's calendar: the manager calls every in-construction customer every week
/// after the site starts (the basis of the manager's callback score); customer service calls within 3, 10 and 30 days
/// after completion acceptance (and after a repair). Each callback opens as a task when the previous one falls due and
/// is due at a store-local midnight, so a callback "within 3 days" of Monday is due at the end of Thursday.
/// </summary>
public static class CallbackRules
{
    /// <summary>The rule of the manager's weekly callbacks while under construction.</summary>
    public const string WeeklyRule = "weekly-callback";

    /// <summary>The rule of customer service's callbacks after completion acceptance (or a repair).</summary>
    public const string AftercareRule = "aftercare-callback";

    public const string CallbackKind = "callback";

    /// <summary>The after-care days of the rulebook (seed 003).</summary>
    public static IReadOnlyList<int> DefaultAftercareDays { get; } = [3, 10, 30];

    /// <summary>The task id of week <paramref name="week"/>'s callback: <c>{projectId}.weekly-{n}-callback</c>.</summary>
    public static string WeeklyTaskId(string projectId, int week) => TaskIds.For(projectId, $"weekly-{week}", CallbackKind);

    /// <summary>The task id of the +<paramref name="days"/> after-care callback: <c>{ownerId}.aftercare-d{days}-callback</c>.</summary>
    public static string AftercareTaskId(string ownerId, int days) => TaskIds.For(ownerId, $"aftercare-d{days}", CallbackKind);

    /// <summary>
    /// Week <paramref name="week"/>'s callback (1, 2, …) of a site that started at <paramref name="siteStart"/>: due at the
    /// store-local midnight <paramref name="interval"/> × week days after the start date; the first opens at the start,
    /// each next one when the previous falls due.
    /// </summary>
    public static ScheduledCallback Weekly(string projectId, string managerId, DateTimeOffset siteStart, int week, string timeZone, int interval = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        var startDate = StoreCalendar.LocalDate(siteStart, timeZone);
        var due = StoreCalendar.StartOfDay(startDate.AddDays(interval * week), timeZone);
        var opens = week == 1 ? siteStart : StoreCalendar.StartOfDay(startDate.AddDays(interval * (week - 1)), timeZone);
        return new ScheduledCallback(WeeklyTaskId(projectId, week), WeeklyRule, managerId, opens, due, $"Weekly callback {week}: phone the in-construction customer and record the callback.");
    }

    /// <summary>
    /// The weekly callbacks to open now: weeks after <paramref name="weeksOpened"/> whose time has come, and — once
    /// completion is accepted (<paramref name="completedAt"/>) — only weeks that began before it.
    /// </summary>
    public static IReadOnlyList<ScheduledCallback> DueWeekly(string projectId, string managerId, DateTimeOffset siteStart, int weeksOpened, DateTimeOffset? completedAt, DateTimeOffset now, string timeZone, int interval = 7)
    {
        var due = new List<ScheduledCallback>();
        for (var week = weeksOpened + 1; ; week++)
        {
            var callback = Weekly(projectId, managerId, siteStart, week, timeZone, interval);
            if (callback.OpensAt > now || (completedAt is { } end && callback.OpensAt >= end && week > 1))
            {
                return due;
            }

            due.Add(callback);
        }
    }

    /// <summary>
    /// The after-care callbacks of <paramref name="ownerId"/> (a project, a repair) accepted at <paramref name="acceptedAt"/>:
    /// the +d callback is due at the end of the store-local day d days after the acceptance date, assigned to the store's
    /// service desk; the first opens at once, each next one when the previous falls due.
    /// </summary>
    public static IReadOnlyList<ScheduledCallback> Aftercare(string ownerId, string storeId, DateTimeOffset acceptedAt, string timeZone, IReadOnlyList<int>? days = null)
    {
        var date = StoreCalendar.LocalDate(acceptedAt, timeZone);
        var opens = acceptedAt;
        var callbacks = new List<ScheduledCallback>();
        foreach (var d in (days ?? DefaultAftercareDays).Order())
        {
            var due = StoreCalendar.StartOfDay(date.AddDays(d + 1), timeZone);
            callbacks.Add(new ScheduledCallback(AftercareTaskId(ownerId, d), AftercareRule, TaskIds.ServiceDesk(storeId), opens, due, $"After-care callback within {d} days: ask the customer how everything is; pass any problem on within 1 h."));
            opens = due;
        }

        return callbacks;
    }

    /// <summary>
    /// The account manager's in-construction callback score (DOMAIN §8): <paramref name="points"/> at a 100 % on-time rate,
    /// minus <paramref name="perPointBelow"/> per percentage point below, never below 0; full marks with nothing due.
    /// </summary>
    public static (decimal Rate, decimal Score) ManagerScore(int due, int onTime, int points = 10, decimal perPointBelow = 2)
    {
        if (due <= 0)
        {
            return (100m, points);
        }

        var rate = Math.Round(100m * onTime / due, 1, MidpointRounding.AwayFromZero);
        return (rate, Math.Max(0m, points - (perPointBelow * (100m - rate))));
    }

    /// <summary>A callback was made on time: done by its due time.</summary>
    public static bool OnTime(string state, DateTimeOffset dueAt, DateTimeOffset? closedAt) =>
        state == TaskStates.Done && closedAt is { } at && at <= dueAt;
}
