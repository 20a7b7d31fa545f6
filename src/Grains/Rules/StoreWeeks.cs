using System.Globalization;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The HQ report's weekly buckets: ISO weeks (Monday to Sunday) of a store's calendar, each as the instants [From, To)
/// the journal is read for. The last bucket is the week that holds <c>now</c> (so far); the first is
/// <c>count − 1</c> weeks before it.
/// </summary>
public static class StoreWeeks
{
    /// <summary>The most weeks a report spans (a year).</summary>
    public const int MaxWeeks = 53;

    /// <summary>The last <paramref name="count"/> store-local weeks up to the one holding <paramref name="now"/>, oldest first.</summary>
    public static ImmutableArray<StoreWeek> Last(string timeZone, DateTimeOffset now, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxWeeks);
        var today = StoreCalendar.LocalDate(now, timeZone);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weeks = ImmutableArray.CreateBuilder<StoreWeek>(count);
        for (var i = count - 1; i >= 0; i--)
        {
            var start = monday.AddDays(-7 * i);
            weeks.Add(new StoreWeek(Name(start), start, StoreCalendar.StartOfDay(start, timeZone), StoreCalendar.StartOfDay(start.AddDays(7), timeZone)));
        }

        return weeks.MoveToImmutable();
    }

    /// <summary>The bucket holding <paramref name="at"/>, or -1 when it falls outside them.</summary>
    public static int IndexOf(ImmutableArray<StoreWeek> weeks, DateTimeOffset at)
    {
        for (var i = 0; i < weeks.Length; i++)
        {
            if (at >= weeks[i].From && at < weeks[i].To)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The ISO week of a Monday as the API spells it: <c>2026-W49</c>.</summary>
    public static string Name(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date):D4}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }
}

/// <summary>One store-local week: its ISO name, its Monday and the instants [From, To) it covers.</summary>
public sealed record StoreWeek(string Week, DateOnly Monday, DateTimeOffset From, DateTimeOffset To);
