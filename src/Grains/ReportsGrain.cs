using System.Globalization;
using System.Text.Json;
using Orleans.Concurrency;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>Answers reports from the journal; holds no state, so Orleans runs it wherever it is called.</summary>
[StatelessWorker]
public sealed class ReportsGrain(IJournal journal, RulesClock clock, RulesOptions rules) : Grain, IReportsGrain
{
    /// <summary>The reason a lost lead closed without one is counted under (closes from before reasons were required).</summary>
    public const string Unspecified = "unspecified";

    /// <inheritdoc />
    public async Task<int> CountStoreEventsAsync(string storeId, string kind) =>
        (await journal.ReadAsync(new JournalQuery([kind], StoreId: storeId))).Count;

    /// <inheritdoc />
    public async Task<ImmutableArray<TaskView>> GetTasksAsync(string? storeId, string? assigneeId, string? state, bool escalatedOfStore = false)
    {
        var now = clock.UtcNow;
        var found = new Dictionary<string, JournalTask>(StringComparer.Ordinal);
        foreach (var task in await journal.TasksAsync(new TaskQuery(storeId, assigneeId, state)))
        {
            found[task.TaskId] = task;
        }

        // Escalation is decided at read time: open and overdue by more than the escalation delay.
        if (escalatedOfStore && storeId is not null && state is null or TaskStates.Open)
        {
            foreach (var task in await journal.TasksAsync(new TaskQuery(storeId, null, TaskStates.Open)))
            {
                if (TaskRules.IsEscalated(task.State, task.DueAt, now, rules.TaskEscalation))
                {
                    found.TryAdd(task.TaskId, task);
                }
            }
        }

        return [.. found.Values
            .OrderBy(t => t.DueAt)
            .ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .Select(t => new TaskView(
                t.TaskId, t.StoreId, t.LeadId, t.Rule, t.AssigneeId, t.DueAt, t.State, t.CreatedAt, t.Summary, t.ClosedAt, t.ClosedBy, t.Note,
                TaskRules.IsOverdue(t.State, t.DueAt, now),
                TaskRules.IsEscalated(t.State, t.DueAt, now, rules.TaskEscalation)))];
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<FaultSlipView>> GetFaultSlipsAsync(string storeId, string timeZone, int year, int month)
    {
        var (from, to) = StoreMonth.Range(timeZone, year, month);
        var events = await journal.ReadAsync(new JournalQuery([JournalKinds.FaultSlip], storeId, From: from, To: to));
        return [.. events.Select(e =>
        {
            var slip = JsonSerializer.Deserialize<FaultSlipRecorded>(e.Data, CrmJson.Options)!;
            return new FaultSlipView(storeId, slip.ManagerId, slip.LeadId, slip.RunningNumber, slip.DesignerId, slip.Rules, slip.RuleBroken, slip.Reason, e.At, slip.By);
        })];
    }

    /// <inheritdoc />
    public async Task<LostReport> GetLostReportAsync(string storeId, string timeZone, int year, int month)
    {
        var (from, to) = StoreMonth.Range(timeZone, year, month);
        var events = await journal.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], storeId, From: from, To: to));
        var lost = events
            .Select(e => (e.At, Closed: JsonSerializer.Deserialize<LeadClosed>(e.Data, CrmJson.Options)!))
            .Where(x => x.Closed.Status == LeadStatus.Lost)
            .ToList();
        var managers = lost
            .GroupBy(x => x.Closed.ManagerId, StringComparer.Ordinal)
            .OrderBy(g => g.Key ?? "", StringComparer.Ordinal)
            .Select(g => new LostReportManager(
                g.Key,
                g.Count(),
                [.. g.GroupBy(x => x.Closed.CloseReason ?? Unspecified, StringComparer.Ordinal)
                    .OrderByDescending(r => r.Count())
                    .ThenBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new ReasonCount(r.Key, r.Count()))],
                [.. g.Select(x => new LostAnalysis(
                    x.Closed.LeadId, x.Closed.RunningNumber, x.Closed.CloseReason ?? Unspecified, x.Closed.Analysis, x.Closed.DesignerId, x.At, x.Closed.ClosedBy, x.Closed.OwnedBy))]))
            .ToList();
        return new LostReport(storeId, new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture), lost.Count, [.. managers]);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<FeedbackEntry>> GetStoreFeedbackAsync(string storeId, DateOnly date, string timeZone)
    {
        var from = StoreCalendar.StartOfDay(date, timeZone);
        var to = StoreCalendar.StartOfDay(date.AddDays(1), timeZone);
        var events = await journal.ReadAsync(new JournalQuery([JournalKinds.FeedbackReceived], StoreId: storeId, From: from, To: to));
        return
        [
            .. events.Select(e =>
            {
                var form = JsonSerializer.Deserialize<FeedbackReceived>(e.Data, CrmJson.Options)!;
                return new FeedbackEntry(form.FeedbackId, storeId, e.At, form.Name, form.Phone, form.VisitedAreas.IsDefault ? [] : form.VisitedAreas, form.Comments);
            }),
        ];
    }
}
