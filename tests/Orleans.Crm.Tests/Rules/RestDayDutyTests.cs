using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Tests.Rules;

public class RestDayDutyTests
{
    private const string Shanghai = "Asia/Shanghai";

    // Saturday 2026-11-21, 10:00 in Shanghai; Monday 2026-11-23 is the default rest day.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)));
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static DutyRoster Roster(Dictionary<DateOnly, string>? overrides = null, Dictionary<string, IReadOnlySet<DateOnly>>? leave = null) =>
        new(["A", "B"], new DateOnly(2026, 11, 21), null, leave, overrides);

    private DateOnly Today => StoreCalendar.LocalDate(_clock.GetUtcNow(), Shanghai);

    [Fact]
    public void ARestDayNobodyWasAssignedToIsAnAlert()
    {
        _clock.Advance(TimeSpan.FromDays(2));

        var alert = RestDayDuty.Alert(Roster(), Today);

        Assert.NotNull(alert);
        Assert.Equal((Monday, true), (alert.Date, alert.IsRestDay));
        Assert.Contains("nobody", alert.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnAssignedRestDayAndAnOrdinaryDayRaiseNoAlert()
    {
        Assert.Null(RestDayDuty.Alert(Roster(), Today));
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Null(RestDayDuty.Alert(Roster(new() { [Monday] = "B" }), Today));
    }

    [Fact]
    public void AnOpenDayWithEveryManagerOnLeaveIsAnAlertToo()
    {
        var away = new HashSet<DateOnly> { Today };

        var alert = RestDayDuty.Alert(Roster(leave: new() { ["A"] = away, ["B"] = away }), Today);

        Assert.NotNull(alert);
        Assert.False(alert.IsRestDay);
    }

    [Fact]
    public void AnAssignmentHandsOverOnlyThatDatesOpenUnassignedWalkInsOldestFirst()
    {
        var monday = _clock.GetUtcNow().AddDays(2);
        var leads = new Dictionary<string, LeadState>
        {
            ["s-3"] = Lead(3, monday.AddHours(2), null),
            ["s-1"] = Lead(1, monday, null),
            ["s-2"] = Lead(2, monday.AddHours(1), "A"),
            ["s-4"] = Lead(4, monday.AddHours(3), null) with { Open = false },
            ["s-5"] = Lead(5, monday.AddHours(4), null) with { FromPool = true },
            ["s-6"] = Lead(6, monday.AddDays(1), null),
        };

        var handed = RestDayDuty.ToHandOver(leads, Monday, Shanghai).Select(l => l.Key);

        Assert.Equal(["s-1", "s-3"], handed);
        Assert.Equal(["s-1", "s-3", "s-6"], RestDayDuty.Unassigned(leads).Select(l => l.Key));
    }

    [Fact]
    public void TheDateOfAWalkInIsTheStoresLocalDateNotUtc()
    {
        // 23:30 UTC on Sunday is 07:30 on Monday in Shanghai.
        var leads = new Dictionary<string, LeadState> { ["s-1"] = Lead(1, new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero), null) };

        Assert.Single(RestDayDuty.ToHandOver(leads, Monday, Shanghai));
        Assert.Empty(RestDayDuty.ToHandOver(leads, Monday.AddDays(-1), Shanghai));
        Assert.Single(RestDayDuty.ToHandOver(leads, Monday.AddDays(-1), "UTC"));
    }

    private static LeadState Lead(int number, DateTimeOffset at, string? managerId) =>
        new() { RunningNumber = number, RegisteredAt = at, ManagerId = managerId, Name = "王小明", Phone = "13912345678" };
}
