using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// When the half-month ranking runs and when its ranks take effect (DOMAIN §4/§8): on the period's last local day
/// (the 15th, the month's last day) at <c>Rules:Ranking:RunAt</c> (default 22:00); the ranks take effect at the next
/// local midnight, the start of the next period.
/// </summary>
public static class RankingSchedule
{
    public static TimeOnly DefaultRunAt { get; } = new(22, 0);

    /// <summary>The instant the period's ranking is due.</summary>
    public static DateTimeOffset RunAt(HalfMonthPeriod period, TimeOnly runAt, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(period);
        return StoreCalendar.StartOfDay(period.Last, timeZone) + runAt.ToTimeSpan();
    }

    /// <summary>The instant a ranking of the period takes effect: the next period's local midnight, or now if that has passed.</summary>
    public static DateTimeOffset EffectiveAt(HalfMonthPeriod period, DateTimeOffset now, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(period);
        var start = StoreCalendar.StartOfDay(period.Last.AddDays(1), timeZone);
        return start > now ? start : now;
    }

    /// <summary>
    /// The period the sweep should rank now, if any: the latest period whose run time has come, unless it was ranked
    /// already or its run time fell before the store existed (a new store is not ranked on an empty past). Orleans skips
    /// missed reminder ticks, so a sweep after an outage still ranks the latest period once; a second sweep finds it done.
    /// </summary>
    public static HalfMonthPeriod? Due(DateTimeOffset now, TimeOnly runAt, string timeZone, DateTimeOffset? configuredAt, Func<HalfMonthPeriod, bool> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var period = HalfMonthPeriod.Of(StoreCalendar.LocalDate(now, timeZone));
        var due = RunAt(period, runAt, timeZone) <= now ? period : period.Previous;
        var dueAt = RunAt(due, runAt, timeZone);
        if (configuredAt is not { } since || dueAt < since || ranked(due))
        {
            return null;
        }

        return due;
    }
}
