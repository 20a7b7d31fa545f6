using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>
/// After-sales repairs as pure rules (seed 004 售后服务, seed 003 维修后回访): the warranty by category and store-local
/// day, the flow with a rejected repair going back to scheduling, the callback schedule and a callback's problem.
/// </summary>
public sealed class AfterSalesRulesTests
{
    private const string Shanghai = "Asia/Shanghai";
    private const string ProjectId = "c-0123456789abcdef0123-p1";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Completion accepted at 23:30 Shanghai on 2024-03-15 (15:30 UTC, still the 15th in UTC too).</summary>
    private static readonly DateTimeOffset Completed = new(2024, 3, 15, 23, 30, 0, Cst);

    [Theory]
    [InlineData(RepairCategory.Plumbing, 2026, 3, 15, WarrantyCoverage.Free)]
    [InlineData(RepairCategory.Plumbing, 2026, 3, 16, WarrantyCoverage.Paid)]
    [InlineData(RepairCategory.Tiling, 2025, 9, 1, WarrantyCoverage.Free)]
    [InlineData(RepairCategory.Waterproofing, 2026, 3, 16, WarrantyCoverage.Free)]
    [InlineData(RepairCategory.Waterproofing, 2029, 3, 15, WarrantyCoverage.Free)]
    [InlineData(RepairCategory.Waterproofing, 2029, 3, 16, WarrantyCoverage.Paid)]
    public void TheWarrantyRunsTwoYearsOrFiveForWaterproofingThroughTheAnniversaryDay(RepairCategory category, int year, int month, int day, WarrantyCoverage expected)
    {
        var reported = new DateTimeOffset(year, month, day, 9, 0, 0, Cst);

        var warranty = WarrantyRules.Decide(category, Completed, reported, Shanghai, WarrantyOptions.Default);

        Assert.Equal(expected, warranty.Coverage);
        Assert.Equal(category == RepairCategory.Waterproofing ? 5 : 2, warranty.Years);
        Assert.Equal(new DateOnly(2024, 3, 15), warranty.CompletionDate);
        Assert.Equal(new DateOnly(category == RepairCategory.Waterproofing ? 2029 : 2026, 3, 15), warranty.LastFreeDay);
        Assert.Contains(expected == WarrantyCoverage.Free ? "within the warranty, free" : "after the warranty, paid", warranty.Reason, StringComparison.Ordinal);
        Assert.Contains("2024-03-15", warranty.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBoundaryDayIsTheStoresLocalDayNotUtc()
    {
        // 2026-03-16 00:30 in Shanghai is still the 15th in UTC: the store's calendar says the warranty is over.
        var justAfterLocalMidnight = new DateTimeOffset(2026, 3, 16, 0, 30, 0, Cst);
        var justBefore = new DateTimeOffset(2026, 3, 15, 23, 59, 0, Cst);

        Assert.Equal(WarrantyCoverage.Paid, WarrantyRules.Decide(RepairCategory.Painting, Completed, justAfterLocalMidnight, Shanghai, WarrantyOptions.Default).Coverage);
        Assert.Equal(WarrantyCoverage.Free, WarrantyRules.Decide(RepairCategory.Painting, Completed, justBefore, Shanghai, WarrantyOptions.Default).Coverage);
    }

    [Fact]
    public void ConfiguredYearsApply()
    {
        var reported = new DateTimeOffset(2027, 1, 1, 9, 0, 0, Cst);
        var options = new WarrantyOptions(3, 10);

        Assert.Equal((WarrantyCoverage.Free, 3), Verdict(WarrantyRules.Decide(RepairCategory.Electrical, Completed, reported, Shanghai, options)));
        Assert.Equal((WarrantyCoverage.Free, 10), Verdict(WarrantyRules.Decide(RepairCategory.Waterproofing, Completed, reported, Shanghai, options)));

        static (WarrantyCoverage, int) Verdict(WarrantyView w) => (w.Coverage, w.Years);
    }

    [Fact]
    public void ARepairOfAProjectWithoutCompletionAcceptanceIsRefusedAsConstructionWork()
    {
        var error = Assert.Throws<CrmException>(() => RepairRules.Open($"{ProjectId}-rabcdefgh", Command(RepairCategory.Plumbing), null, Completed.AddDays(1), WarrantyOptions.Default));

        Assert.Equal((CrmErrorKind.Conflict, "projectId"), (error.Kind, error.Field));
        Assert.Contains("project manager", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssessmentThatCorrectsTheCategoryDecidesTheWarrantyAgainByTheDayOfTheReport()
    {
        var reportedAt = new DateTimeOffset(2027, 6, 1, 9, 0, 0, Cst);
        var opened = RepairRules.Open($"{ProjectId}-rabcdefgh", Command(RepairCategory.Other), Completed, reportedAt, WarrantyOptions.Default);

        var assessed = RepairRules.Assess(opened, new AssessRepair("seepage under the shower tray", RepairSeverity.High, "reseal and test", RepairCategory.Waterproofing, "svc-1"), reportedAt.AddYears(3), Shanghai, WarrantyOptions.Default);

        Assert.Equal(WarrantyCoverage.Paid, opened.Warranty.Coverage);
        Assert.Equal((RepairState.Assessed, RepairCategory.Waterproofing, RepairSeverity.High), (assessed.State, assessed.Category, assessed.Severity));
        Assert.Equal((WarrantyCoverage.Free, new DateOnly(2027, 6, 1)), (assessed.Warranty.Coverage, assessed.Warranty.ReportedOn));
    }

    [Fact]
    public void ARepairTheCustomerDoesNotAcceptGoesBackToSchedulingAndTheNextVisitIsNumberTwo()
    {
        var now = Completed.AddMonths(6);
        var repair = RepairRules.Open($"{ProjectId}-rabcdefgh", Command(RepairCategory.Plumbing), Completed, now, WarrantyOptions.Default);
        repair = RepairRules.Assess(repair, new AssessRepair("leaking trap", RepairSeverity.Medium, "replace the trap", null, "svc"), now, Shanghai, WarrantyOptions.Default);
        repair = RepairRules.Schedule(repair, new ScheduleRepair("Lao Zhang", now.AddDays(1), true, "svc"), now);
        repair = RepairRules.Repaired(repair, "trap replaced", now.AddDays(1));

        var rejected = RepairRules.Acceptance(repair, false, "still drips", now.AddDays(1), CallbackOptions.Default, Shanghai);
        var rescheduled = RepairRules.Schedule(rejected, new ScheduleRepair("Lao Li", now.AddDays(2), true, "svc"), now.AddDays(1));
        var accepted = RepairRules.Acceptance(RepairRules.Repaired(rescheduled, null, now.AddDays(2)), true, null, now.AddDays(2), CallbackOptions.Default, Shanghai);

        Assert.Equal(RepairState.Assessed, rejected.State);
        Assert.Equal((false, "still drips"), (rejected.Visits[0].Accepted, rejected.Visits[0].CustomerNote));
        Assert.Empty(rejected.Callbacks);
        Assert.Equal(RepairState.Accepted, accepted.State);
        Assert.Equal([(1, "Lao Zhang", (bool?)false), (2, "Lao Li", true)], accepted.Visits.Select(v => (v.Number, v.Technician, v.Accepted)));
        Assert.Equal([3, 10, 30], accepted.Callbacks.Select(c => c.Days));
    }

    [Fact]
    public void StepsOutOfOrderAreConflictsAndASchedulingWithoutTellingTheCustomerIsInvalid()
    {
        var now = Completed.AddMonths(6);
        var repair = RepairRules.Open($"{ProjectId}-rabcdefgh", Command(RepairCategory.Plumbing), Completed, now, WarrantyOptions.Default);

        var early = Assert.Throws<CrmException>(() => RepairRules.Schedule(repair, new ScheduleRepair("Lao Zhang", now, true, null), now));
        var notDone = Assert.Throws<CrmException>(() => RepairRules.Acceptance(repair, true, null, now, CallbackOptions.Default, Shanghai));
        var assessed = RepairRules.Assess(repair, new AssessRepair("n", RepairSeverity.Low, "p", null, null), now, Shanghai, WarrantyOptions.Default);
        var untold = Assert.Throws<CrmException>(() => RepairRules.Schedule(assessed, new ScheduleRepair("Lao Zhang", now, false, null), now));

        Assert.Equal((CrmErrorKind.Conflict, "state"), (early.Kind, early.Field));
        Assert.Equal((CrmErrorKind.Conflict, "state"), (notDone.Kind, notDone.Field));
        Assert.Equal((CrmErrorKind.Invalid, "customerTold"), (untold.Kind, untold.Field));
    }

    [Fact]
    public void CallbacksAreDueAtThreeTenAndThirtyDaysAndEachOpensWhenThePreviousIsDueOnce()
    {
        var accepted = new DateTimeOffset(2026, 11, 3, 10, 0, 0, Cst);
        var slots = CallbackRules.Schedule($"{ProjectId}-rabcdefgh", accepted, CallbackOptions.Default, Shanghai);

        // "Within 3 days" of Tuesday the 3rd: by the end of Friday the 6th, store-local (as after-care callbacks).
        var startOfDay = new DateTimeOffset(2026, 11, 3, 0, 0, 0, Cst);
        var (day3, day10, day30) = (startOfDay.AddDays(4), startOfDay.AddDays(11), startOfDay.AddDays(31));
        Assert.Equal([day3, day10, day30], slots.Select(s => s.DueAt));
        Assert.Equal([accepted, day3, day10], slots.Select(s => s.OpensAt));
        Assert.Equal([$"{ProjectId}-rabcdefgh.callback1-call", $"{ProjectId}-rabcdefgh.callback2-call", $"{ProjectId}-rabcdefgh.callback3-call"], slots.Select(s => s.TaskId));

        var atOnce = CallbackRules.DueToOpen(slots, accepted, "service:sa");
        var beforeDay3 = CallbackRules.DueToOpen(slots.SetItem(0, slots[0] with { Opened = true }), day3.AddMinutes(-1), "service:sa");
        var lateSweep = CallbackRules.DueToOpen(slots.SetItem(0, slots[0] with { Opened = true }), accepted.AddDays(11), "service:sa");

        var first = Assert.Single(atOnce);
        Assert.Equal(("service:sa", day3, CallbackRules.CallbackKind), (first.Task.AssigneeId, first.Task.DueAt, first.Task.Kind));
        Assert.Empty(beforeDay3);
        Assert.Equal([2, 3], lateSweep.Select(d => d.Slot.TaskId[^6] - '0'));
    }

    [Fact]
    public void AProblemHeardOnACallbackIsATicketDueInAnHourAndARecheckDueInADayOnce()
    {
        var now = new DateTimeOffset(2026, 11, 6, 15, 0, 0, Cst);
        var callback = new LeadTask(CallbackRules.CallbackKind, "service:sa", now.AddDays(1), "call", $"{ProjectId}-rabcdefgh.callback1-call", TaskStates.Open, CallbackRules.RepairCallbackRule);

        var (ticket, recheck) = CallbackRules.Problem(callback, [callback], new CallbackProblem("Construction", " cracked grout ", "svc-1"), "sa", now, CallbackOptions.Default);
        var twice = Assert.Throws<CrmException>(() => CallbackRules.Problem(callback, [callback, ticket, recheck], new CallbackProblem("construction", "again", null), "sa", now, CallbackOptions.Default));
        var badDepartment = Assert.Throws<CrmException>(() => CallbackRules.Problem(callback, [callback], new CallbackProblem("plumbers", "x", null), "sa", now, CallbackOptions.Default));
        var notACallback = Assert.Throws<CrmException>(() => CallbackRules.Problem(ticket, [callback, ticket], new CallbackProblem("design", "x", null), "sa", now, CallbackOptions.Default));

        Assert.Equal(($"{ProjectId}-rabcdefgh.callback1-ticket", "construction:sa", now.AddHours(1)), (ticket.TaskId, ticket.AssigneeId, ticket.DueAt));
        Assert.Equal(($"{ProjectId}-rabcdefgh.callback1-recheck", "service:sa", now.AddHours(24)), (recheck.TaskId, recheck.AssigneeId, recheck.DueAt));
        Assert.EndsWith("cracked grout", ticket.Note, StringComparison.Ordinal);
        Assert.Equal((CrmErrorKind.Conflict, "taskId"), (twice.Kind, twice.Field));
        Assert.Equal((CrmErrorKind.Invalid, "department"), (badDepartment.Kind, badDepartment.Field));
        Assert.Contains("construction, design, after-sales, materials, finance, other", badDepartment.Message, StringComparison.Ordinal);
        Assert.Equal((CrmErrorKind.Conflict, "taskId"), (notACallback.Kind, notACallback.Field));
    }

    [Fact]
    public void RepairIdsNameTheirProjectAndFollowFromTheCommand()
    {
        var id = RepairIds.For(ProjectId, "api:service:sa:u1:c1");

        Assert.Equal(id, RepairIds.For(ProjectId, "api:service:sa:u1:c1"));
        Assert.NotEqual(id, RepairIds.For(ProjectId, "api:service:sa:u1:c2"));
        Assert.Equal(ProjectId, RepairIds.ProjectOf(id));
        Assert.True(RepairIds.OwnsTask($"{id}.callback1-call"));
        Assert.False(RepairIds.OwnsTask("sh-xuhui-12.three-day-callback"));
        Assert.Null(RepairIds.ProjectOf("sh-xuhui-12"));
        Assert.True(id.Length <= 40);
    }

    private static OpenRepair Command(RepairCategory category) =>
        new(ProjectId, "c-0123456789abcdef0123", "sa", Shanghai, category, "water under the sink", RepairSeverity.Medium, "svc-1");
}
