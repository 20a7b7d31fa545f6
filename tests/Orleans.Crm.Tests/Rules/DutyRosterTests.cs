using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public class DutyRosterTests
{
    // 2025-01-06 is a Monday, the default rest day, so the anchor (turn 0) is Tuesday 2025-01-07.
    private static readonly DateOnly Start = new(2025, 1, 6);
    private static readonly string[] Abc = ["A", "B", "C"];

    private static DateOnly D(int month, int day) => new(2025, month, day);

    private static DutyRoster Roster(
        IEnumerable<DayOfWeek>? restDays = null,
        Dictionary<string, IReadOnlySet<DateOnly>>? leave = null,
        Dictionary<DateOnly, string>? overrides = null) =>
        new(Abc, Start, restDays, leave, overrides);

    [Fact]
    public void FirstOpenDayOnOrAfterTheStartIsTurnZeroOfTheFirstManager()
    {
        var roster = Roster();

        Assert.Equal(D(1, 7), roster.Anchor);
        Assert.Equal(0, roster.TurnNumber(D(1, 7)));
        Assert.Equal("A", roster.OnDuty(D(1, 7)));
    }

    [Fact]
    public void ManagersTakeOneDayEachInTheFixedOrder()
    {
        var roster = Roster();
        string?[] week = [.. Enumerable.Range(7, 6).Select(day => roster.OnDuty(D(1, day)))];

        Assert.Equal("A B C A B C", string.Join(' ', week));
    }

    [Fact]
    public void RestDayUsesNoTurn()
    {
        var roster = Roster();

        Assert.Equal("C", roster.OnDuty(D(1, 12)));
        Assert.Null(roster.TurnNumber(D(1, 13)));
        Assert.Equal("A", roster.OnDuty(D(1, 14)));
        Assert.Equal(6, roster.TurnNumber(D(1, 14)));
    }

    [Fact]
    public void RestDayWithoutOverrideHasNobodyOnDuty()
    {
        var roster = Roster();

        Assert.True(roster.IsRestDay(D(1, 13)));
        Assert.Null(roster.OnDuty(D(1, 13)));
        Assert.Null(roster.OnDuty(D(1, 6)));
    }

    [Fact]
    public void DefaultRestDayIsMonday()
    {
        var roster = Roster();

        Assert.Equal([DayOfWeek.Monday], roster.RestDays);
    }

    [Fact]
    public void WithNoRestDayEveryDayTakesATurn()
    {
        var roster = Roster(restDays: []);
        string?[] days = [.. Enumerable.Range(6, 8).Select(day => roster.OnDuty(D(1, day)))];

        Assert.Empty(roster.RestDays);
        Assert.Equal(D(1, 6), roster.Anchor);
        Assert.Equal("A B C A B C A B", string.Join(' ', days));
    }

    [Fact]
    public void SeveralRestDaysAreAllSkipped()
    {
        var roster = Roster(restDays: [DayOfWeek.Monday, DayOfWeek.Thursday]);

        // Tue A, Wed B, (Thu rest), Fri C, Sat A, Sun B, (Mon rest), Tue C.
        Assert.Equal("A", roster.OnDuty(D(1, 7)));
        Assert.Equal("B", roster.OnDuty(D(1, 8)));
        Assert.Null(roster.OnDuty(D(1, 9)));
        Assert.Equal("C", roster.OnDuty(D(1, 10)));
        Assert.Equal("A", roster.OnDuty(D(1, 11)));
        Assert.Equal("B", roster.OnDuty(D(1, 12)));
        Assert.Null(roster.OnDuty(D(1, 13)));
        Assert.Equal("C", roster.OnDuty(D(1, 14)));
    }

    [Fact]
    public void ManagerOnLeavePassesDayToNextWithoutLosingPlace()
    {
        var roster = Roster(leave: new() { ["A"] = new HashSet<DateOnly> { D(1, 7) } });

        Assert.Equal("B", roster.OnDuty(D(1, 7)));
        // Following days are exactly as without leave: B's own turn is still Wednesday, and A keeps Friday.
        Assert.Equal("B", roster.OnDuty(D(1, 8)));
        Assert.Equal("C", roster.OnDuty(D(1, 9)));
        Assert.Equal("A", roster.OnDuty(D(1, 10)));
    }

    [Fact]
    public void LastManagerOnLeavePassesTheDayAroundToTheFirst()
    {
        var roster = Roster(leave: new() { ["C"] = new HashSet<DateOnly> { D(1, 9) } });

        Assert.Equal("A", roster.OnDuty(D(1, 9)));
        Assert.Equal("A", roster.OnDuty(D(1, 10)));
    }

    [Fact]
    public void TwoConsecutiveManagersOnLeavePassTheDayToTheThird()
    {
        var roster = Roster(leave: new()
        {
            ["A"] = new HashSet<DateOnly> { D(1, 7) },
            ["B"] = new HashSet<DateOnly> { D(1, 7), D(1, 8) },
        });

        Assert.Equal("C", roster.OnDuty(D(1, 7)));
        Assert.Equal("C", roster.OnDuty(D(1, 8)));
        Assert.Equal("C", roster.OnDuty(D(1, 9)));
        Assert.Equal("A", roster.OnDuty(D(1, 10)));

        var why = roster.Explain(D(1, 7));
        Assert.Equal("A", why.NominalManagerId);
        Assert.Equal(["A", "B"], why.SkippedOnLeave);
    }

    [Fact]
    public void EveryoneOnLeaveMeansNobodyOnDuty()
    {
        var everyone = new HashSet<DateOnly> { D(1, 8) };
        var roster = Roster(leave: new() { ["A"] = everyone, ["B"] = everyone, ["C"] = everyone });

        Assert.Null(roster.OnDuty(D(1, 8)));
        Assert.Equal(["B", "C", "A"], roster.Explain(D(1, 8)).SkippedOnLeave);
        Assert.Equal("C", roster.OnDuty(D(1, 9)));
    }

    [Fact]
    public void LeaveOnADayThatIsNotTheirTurnChangesNothing()
    {
        var roster = Roster(leave: new() { ["C"] = new HashSet<DateOnly> { D(1, 7), D(1, 8) } });

        Assert.Equal("A", roster.OnDuty(D(1, 7)));
        Assert.Equal("B", roster.OnDuty(D(1, 8)));
    }

    [Fact]
    public void OverrideWinsOnAnOpenDay()
    {
        var roster = Roster(overrides: new() { [D(1, 7)] = "C" });

        var why = roster.Explain(D(1, 7));
        Assert.Equal("C", why.OnDutyManagerId);
        Assert.True(why.IsOverride);
        Assert.Equal("A", why.NominalManagerId);
    }

    [Fact]
    public void OverrideDoesNotShiftTheRotation()
    {
        var roster = Roster(overrides: new() { [D(1, 7)] = "C" });

        Assert.Equal("B", roster.OnDuty(D(1, 8)));
        Assert.Equal("C", roster.OnDuty(D(1, 9)));
    }

    [Fact]
    public void OverrideOnARestDayAssignsThatManager()
    {
        var roster = Roster(overrides: new() { [D(1, 13)] = "B" });

        Assert.Equal("B", roster.OnDuty(D(1, 13)));
        Assert.True(roster.Explain(D(1, 13)).IsRestDay);
        Assert.Equal("A", roster.OnDuty(D(1, 14)));
    }

    [Fact]
    public void OverrideWinsEvenOverTheNamedManagersLeave()
    {
        var roster = Roster(
            leave: new() { ["B"] = new HashSet<DateOnly> { D(1, 7) } },
            overrides: new() { [D(1, 7)] = "B" });

        Assert.Equal("B", roster.OnDuty(D(1, 7)));
    }

    [Fact]
    public void OverrideMayNameAManagerOutsideTheRotation()
    {
        var roster = Roster(overrides: new() { [D(1, 13)] = "Supervisor" });

        Assert.Equal("Supervisor", roster.OnDuty(D(1, 13)));
    }

    [Fact]
    public void DatesBeforeTheAnchorCountBackwardsThroughTheSameCycle()
    {
        var roster = Roster();

        // Sunday 2025-01-05 is the open day just before the anchor: turn -1, the last manager.
        Assert.Equal(-1, roster.TurnNumber(D(1, 5)));
        Assert.Equal("C", roster.OnDuty(D(1, 5)));
        Assert.Equal("B", roster.OnDuty(D(1, 4)));
        Assert.Equal("A", roster.OnDuty(D(1, 3)));
        Assert.Null(roster.OnDuty(new DateOnly(2024, 12, 30)));
        Assert.Equal("C", roster.OnDuty(new DateOnly(2024, 12, 29)));
    }

    [Theory]
    [InlineData(new DayOfWeek[0])]
    [InlineData(new[] { DayOfWeek.Monday })]
    [InlineData(new[] { DayOfWeek.Sunday })]
    [InlineData(new[] { DayOfWeek.Monday, DayOfWeek.Thursday })]
    [InlineData(new[] { DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Wednesday })]
    public void ArithmeticMatchesADayByDayCountOverSeveralYears(DayOfWeek[] restDays)
    {
        string[] rotation = ["A", "B", "C", "D"];
        var start = new DateOnly(2024, 3, 14);
        var roster = new DutyRoster(rotation, start, restDays);
        var anchor = roster.Anchor!.Value;

        long turn = 0;
        for (var date = anchor; date <= anchor.AddDays(1500); date = date.AddDays(1))
        {
            if (restDays.Contains(date.DayOfWeek))
            {
                Assert.Null(roster.OnDuty(date));
                continue;
            }

            Assert.Equal(turn, roster.TurnNumber(date));
            Assert.Equal(rotation[turn % rotation.Length], roster.OnDuty(date));
            turn++;
        }

        turn = 0;
        for (var date = anchor.AddDays(-1); date >= anchor.AddDays(-1500); date = date.AddDays(-1))
        {
            if (restDays.Contains(date.DayOfWeek))
            {
                continue;
            }

            turn--;
            Assert.Equal(turn, roster.TurnNumber(date));
            Assert.Equal(rotation[((turn % rotation.Length) + rotation.Length) % rotation.Length], roster.OnDuty(date));
        }
    }

    [Fact]
    public void FarFutureAndFarPastAreDeterministicAndPeriodic()
    {
        var first = Roster();
        var second = Roster();
        DateOnly[] dates = [new(9999, 12, 30), new(3000, 6, 17), new(1, 1, 9), new(1900, 2, 27)];

        foreach (var date in dates)
        {
            Assert.Equal(first.OnDuty(date), second.OnDuty(date));
            Assert.Equal(first.TurnNumber(date), second.TurnNumber(date));
        }

        // Three managers and six open days a week: every 3 weeks the cycle repeats exactly.
        var far = new DateOnly(9000, 5, 2);
        Assert.Equal(first.OnDuty(far), first.OnDuty(far.AddDays(21)));
        Assert.Equal(first.OnDuty(far), first.OnDuty(far.AddDays(-21 * 1000)));
        Assert.Equal(first.TurnNumber(far) + 18, first.TurnNumber(far.AddDays(21)));
    }

    [Fact]
    public void EmptyRotationHasOnlyOverrides()
    {
        var roster = new DutyRoster([], Start, overrides: new Dictionary<DateOnly, string> { [D(1, 8)] = "Z" });

        Assert.Null(roster.OnDuty(D(1, 7)));
        Assert.Equal("Z", roster.OnDuty(D(1, 8)));
    }

    [Fact]
    public void AStoreRestingEveryDayHasOnlyOverrides()
    {
        var roster = new DutyRoster(Abc, Start, Enum.GetValues<DayOfWeek>(),
            overrides: new Dictionary<DateOnly, string> { [D(1, 8)] = "B" });

        Assert.Null(roster.Anchor);
        Assert.Null(roster.OnDuty(D(1, 7)));
        Assert.Equal("B", roster.OnDuty(D(1, 8)));
    }

    [Fact]
    public void AManagerListedTwiceIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new DutyRoster(["A", "B", "A"], Start));
        Assert.Throws<ArgumentException>(() => new DutyRoster(["A", " "], Start));
        Assert.Throws<ArgumentException>(() => new DutyRoster(["A"], Start, overrides: new Dictionary<DateOnly, string> { [D(1, 7)] = "" }));
    }

    [Fact]
    public void ExplainSaysWhoseTurnItWasAndWhoServes()
    {
        var roster = Roster(leave: new() { ["B"] = new HashSet<DateOnly> { D(1, 8) } });

        var why = roster.Explain(D(1, 8));

        Assert.Equal(1, why.Turn);
        Assert.Equal("B", why.NominalManagerId);
        Assert.Equal("C", why.OnDutyManagerId);
        Assert.False(why.IsOverride);
        Assert.Contains("on leave", why.Reason, StringComparison.Ordinal);
        Assert.Contains("Rest day", roster.Explain(D(1, 13)).Reason, StringComparison.Ordinal);
    }
}
