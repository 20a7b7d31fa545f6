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
public sealed partial class ReportsGrain(IJournal journal, RulesClock clock, RulesOptions rules) : Grain, IReportsGrain
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

        return Views(found.Values, now);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<TaskView>> GetServiceDeskTasksAsync(string? storeId, string? state)
    {
        var query = storeId is null
            ? new TaskQuery(State: state, AssigneePrefix: TaskIds.ServiceDeskPrefix)
            : new TaskQuery(storeId, TaskIds.ServiceDesk(storeId), state);
        return Views(await journal.TasksAsync(query), clock.UtcNow);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<StoreProjectView>> GetStoreProjectsAsync(string storeId, string? stage)
    {
        var events = await journal.ReadAsync(new JournalQuery(
            [JournalKinds.ProjectOpened, JournalKinds.ProjectCompleted, JournalKinds.ProjectReleased, JournalKinds.ProjectStage], storeId));
        var projects = new Dictionary<string, (ProjectOpened Opened, DateTimeOffset At, ProjectStatus Status, DateTimeOffset? EndedAt, Dictionary<string, string> Stages)>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case JournalKinds.ProjectOpened:
                    var opened = JsonSerializer.Deserialize<ProjectOpened>(e.Data, CrmJson.Options)!;
                    projects.TryAdd(opened.ProjectId, (opened, e.At, ProjectStatus.Open, null, new Dictionary<string, string>(StringComparer.Ordinal)));
                    break;
                case JournalKinds.ProjectCompleted or JournalKinds.ProjectReleased:
                    var ended = JsonSerializer.Deserialize<ProjectEnded>(e.Data, CrmJson.Options)!;
                    if (projects.TryGetValue(ended.ProjectId, out var p))
                    {
                        projects[ended.ProjectId] = p with { Status = e.Kind == JournalKinds.ProjectCompleted ? ProjectStatus.Completed : ProjectStatus.Released, EndedAt = e.At };
                    }

                    break;
                case JournalKinds.ProjectStage:
                    var changed = JsonSerializer.Deserialize<ProjectStageChanged>(e.Data, CrmJson.Options)!;
                    if (projects.TryGetValue(changed.ProjectId, out var q))
                    {
                        ProjectStageFold.Apply(q.Stages, changed.Stage, changed.Action);
                    }

                    break;
            }
        }

        return [.. projects.Values
            .Select(p =>
            {
                var current = ProjectStages.All.FirstOrDefault(s => p.Stages.GetValueOrDefault(s) != StageStates.Accepted);
                return new StoreProjectView(
                    p.Opened.ProjectId, p.Opened.CustomerId, storeId, p.Opened.Owner.ManagerId, p.Opened.Owner.DesignerId, p.Status,
                    current, current is null ? null : p.Stages.GetValueOrDefault(current, StageStates.Pending), p.At, p.EndedAt);
            })
            .Where(p => stage is null || p.Stage == stage)
            .OrderByDescending(p => p.OpenedAt)
            .ThenBy(p => p.ProjectId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<CallbackReport> GetCallbackReportAsync(string storeId, string timeZone, int year, int month)
    {
        var (from, to) = StoreMonth.Range(timeZone, year, month);
        var now = clock.UtcNow;
        var due = (await journal.TasksAsync(new TaskQuery(storeId)))
            .Where(t => t.Rule == CallbackRules.WeeklyRule && t.DueAt >= from && t.DueAt < to && t.DueAt <= now && t.State != TaskStates.Cancelled)
            .ToList();
        var managers = due
            .GroupBy(t => t.AssigneeId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var onTime = g.Count(t => CallbackRules.OnTime(t.State, t.DueAt, t.ClosedAt));
                var late = g.Count(t => t.State == TaskStates.Done) - onTime;
                var (rate, score) = CallbackRules.ManagerScore(g.Count(), onTime);
                return new ManagerCallbacks(g.Key, g.Count(), onTime, late, g.Count(t => t.State == TaskStates.Open), rate, score);
            });
        return new CallbackReport(storeId, new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture), [.. managers]);
    }

    private ImmutableArray<TaskView> Views(IEnumerable<JournalTask> tasks, DateTimeOffset now) =>
        [.. tasks
            .OrderBy(t => t.DueAt)
            .ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .Select(t => new TaskView(
                t.TaskId, t.StoreId, t.LeadId, t.Rule, t.AssigneeId, t.DueAt, t.State, t.CreatedAt, t.Summary, t.ClosedAt, t.ClosedBy, t.Note,
                TaskRules.IsOverdue(t.State, t.DueAt, now),
                TaskRules.IsEscalated(t.State, t.DueAt, now, rules.TaskEscalation)))];

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

    /// <inheritdoc />
    public async Task<ComplaintWeekReport> GetComplaintWeekAsync(string? storeId, string timeZone, int year, int week)
    {
        var from = StoreCalendar.StartOfDay(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)), timeZone);
        var to = StoreCalendar.StartOfDay(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)).AddDays(7), timeZone);
        string[] kinds = [JournalKinds.ComplaintReceived, JournalKinds.ComplaintStep, JournalKinds.ComplaintBreached, JournalKinds.ComplaintClosed, JournalKinds.ComplaintReopened, JournalKinds.ComplaintRepeat];
        var events = await journal.ReadAsync(new JournalQuery([.. kinds], storeId, From: from, To: to));
        var stores = events
            .Where(e => e.StoreId is not null)
            .GroupBy(e => e.StoreId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var received = g.Where(e => e.Kind == JournalKinds.ComplaintReceived).Select(e => JsonSerializer.Deserialize<ComplaintReceived>(e.Data, CrmJson.Options)!).ToList();
                var breaches = g.Where(e => e.Kind == JournalKinds.ComplaintBreached).Select(e => JsonSerializer.Deserialize<ComplaintBreached>(e.Data, CrmJson.Options)!).ToList();
                var steps = g.Where(e => e.Kind == JournalKinds.ComplaintStep).Select(e => JsonSerializer.Deserialize<ComplaintStepRecorded>(e.Data, CrmJson.Options)!).ToList();
                return new ComplaintWeekStore(
                    g.Key,
                    received.Count,
                    received.Count(r => r.Emergency),
                    g.Count(e => e.Kind == JournalKinds.ComplaintClosed),
                    g.Count(e => e.Kind == JournalKinds.ComplaintReopened),
                    breaches.Count,
                    [.. ComplaintSteps.All.Select(s => new StepCount(s, breaches.Count(b => b.Step == s))).Where(c => c.Count > 0)],
                    g.Count(e => e.Kind == JournalKinds.ComplaintRepeat),
                    [.. ComplaintSteps.All.Select(s => (Step: s, Minutes: steps.Where(x => x.Step == s).Select(x => x.MinutesFromStart).ToList()))
                        .Where(x => x.Minutes.Count > 0)
                        .Select(x => new StepMedian(x.Step, Median(x.Minutes), x.Minutes.Count))]);
            });
        return new ComplaintWeekReport(ISOWeekName(year, week), from, to, [.. stores]);
    }

    /// <summary>The week as the API spells it: <c>2026-W49</c>.</summary>
    public static string ISOWeekName(int year, int week) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-W{week:D2}");

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : Math.Round((values[mid - 1] + values[mid]) / 2, 2);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<RepairSummary>> GetRepairsAsync(string storeId, RepairState? state)
    {
        var latest = new Dictionary<string, (DateTimeOffset At, RepairRecorded Repair)>(StringComparer.Ordinal);
        foreach (var e in await journal.ReadAsync(new JournalQuery(JournalKinds.Repair, StoreId: storeId)))
        {
            latest[e.Subject!] = (e.At, JsonSerializer.Deserialize<RepairRecorded>(e.Data, CrmJson.Options)!);
        }

        return [.. latest.Values
            .Where(x => state is null || x.Repair.State == state)
            .OrderByDescending(x => x.Repair.ReportedAt)
            .ThenBy(x => x.Repair.RepairId, StringComparer.Ordinal)
            .Select(x => new RepairSummary(
                x.Repair.RepairId, x.Repair.ProjectId, x.Repair.CustomerId, storeId, x.Repair.State, x.Repair.Category, x.Repair.Severity, x.Repair.Coverage, x.Repair.ReportedAt, x.At))];
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ManagerScoreCard>> GetManagerScoresAsync(string storeId, string timeZone, string? quarter, ImmutableArray<string> managerIds)
    {
        var q = quarter is null ? StoreQuarter.Of(clock.UtcNow, timeZone) : Quarter.Parse(quarter, "quarter");
        var cards = await QuarterCardsAsync(storeId, timeZone, q, managerIds);
        if (!q.EndsHalfYear || managerIds.IsDefaultOrEmpty)
        {
            return [.. managerIds.Select(m => cards[m])];
        }

        // 末位淘汰: the half's two quarters, averaged, ranked among the store's managers.
        var first = await QuarterCardsAsync(storeId, timeZone, q.HalfYearPartner, managerIds);
        var scores = managerIds.Distinct(StringComparer.Ordinal).ToDictionary(m => m, m => HalfYearRanking.HalfYearScore(first[m].Total, cards[m].Total), StringComparer.Ordinal);
        var keepAbove = rules.ManagerScore.HalfYearKeepAbove;
        var ranks = HalfYearRanking.Rank(scores, keepAbove);
        return [.. managerIds.Select(m =>
        {
            var (rank, of, last, flagged) = ranks[m];
            return cards[m] with
            {
                HalfYear = new HalfYearStanding(q.HalfYearName, scores[m], rank, of, last, keepAbove, flagged,
                    [new HalfYearQuarter(q.HalfYearPartner.ToString(), first[m].Total), new HalfYearQuarter(q.ToString(), cards[m].Total)]),
            };
        })];
    }

    private async Task<Dictionary<string, ManagerScoreCard>> QuarterCardsAsync(string storeId, string timeZone, Quarter quarter, ImmutableArray<string> managerIds)
    {
        var (from, to) = StoreQuarter.Range(timeZone, quarter);
        var now = clock.UtcNow;
        var name = quarter.ToString();
        var options = rules.ManagerScore;

        // Consultations: the leads each manager received at the front desk in the quarter (by the real visit time).
        var consulted = (await journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], storeId, From: from, To: to)))
            .Select(e => JsonSerializer.Deserialize<LeadRegistered>(e.Data, CrmJson.Options)!)
            .Where(r => r.ManagerId is not null)
            .GroupBy(r => r.ManagerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.LeadId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        // Signed: those of them whose contract was signed within the quarter, with the contract amounts.
        var contracts = (await journal.ReadAsync(new JournalQuery([JournalKinds.ContractSigned], storeId, From: from, To: to)))
            .Select(e => JsonSerializer.Deserialize<ContractSigned>(e.Data, CrmJson.Options)!)
            .GroupBy(c => c.LeadId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Amount, StringComparer.Ordinal);

        // In-construction callbacks: the weekly callbacks due in the quarter (already due), done on time or not.
        var callbacks = (await journal.TasksAsync(new TaskQuery(storeId)))
            .Where(t => t.Rule == CallbackRules.WeeklyRule && t.DueAt >= from && t.DueAt < to && t.DueAt <= now && t.State != TaskStates.Cancelled)
            .GroupBy(t => t.AssigneeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Due: g.Count(), OnTime: g.Count(t => CallbackRules.OnTime(t.State, t.DueAt, t.ClosedAt))), StringComparer.Ordinal);

        // Entered facts and survey forms of the quarter (entered from its start on): the latest of each counts.
        var facts = new Dictionary<string, ManagerFactsView>(StringComparer.Ordinal);
        foreach (var e in await journal.ReadAsync(new JournalQuery([JournalKinds.ManagerFacts], storeId, From: from)))
        {
            var entered = JsonSerializer.Deserialize<ManagerFactsEntered>(e.Data, CrmJson.Options)!;
            if (entered.Quarter == name)
            {
                facts[entered.ManagerId] = new ManagerFactsView(entered.ManagerId, storeId, name, entered.Facts, entered.EnteredBy, e.At);
            }
        }

        var forms = new Dictionary<(string Manager, string Respondent), SurveyResponseView>();
        foreach (var e in await journal.ReadAsync(new JournalQuery([JournalKinds.SurveyAnswered], storeId, From: from)))
        {
            var form = JsonSerializer.Deserialize<SurveyAnswered>(e.Data, CrmJson.Options)!;
            if (form.Quarter == name)
            {
                forms[(form.ManagerId, form.RespondentId)] = new SurveyResponseView(form.RespondentId, form.Role, form.Total, e.At);
            }
        }

        var cards = new Dictionary<string, ManagerScoreCard>(StringComparer.Ordinal);
        foreach (var managerId in managerIds.Distinct(StringComparer.Ordinal))
        {
            var leads = consulted.GetValueOrDefault(managerId) ?? [];
            var signed = leads.Where(contracts.ContainsKey).ToList();
            var (due, onTime) = callbacks.GetValueOrDefault(managerId);
            var mine = forms.Where(f => f.Key.Manager == managerId).Select(f => f.Value).ToList();
            var supervisors = mine.Where(f => f.Role == SupervisorRole).ToList();
            var designers = mine.Where(f => f.Role != SupervisorRole).OrderBy(f => f.RespondentId, StringComparer.Ordinal).ToList();
            decimal? supervisor = supervisors.Count == 0 ? null : (decimal)supervisors.Sum(f => f.Total) / supervisors.Count;
            var average = InternalSurvey.Average(supervisor, [.. designers.Select(d => d.Total)], options.SupervisorWeight);
            var entered = facts.GetValueOrDefault(managerId);
            var score = ManagerScoreRules.Score(
                new ManagerScoreInput(leads.Count, signed.Count, signed.Sum(l => contracts[l]), due, onTime, average, entered?.Facts),
                options);
            cards[managerId] = new ManagerScoreCard(
                managerId, storeId, name, score.Terms, score.Adjustments, score.Total, score.Excellent, options.ExcellentAt, entered,
                new ManagerSurveySummary(
                    supervisor is { } s ? Math.Round(s, 2, MidpointRounding.AwayFromZero) : null,
                    [.. designers],
                    designers.Count == 0 ? null : Math.Round((decimal)designers.Sum(d => d.Total) / designers.Count, 2, MidpointRounding.AwayFromZero),
                    average is { } a ? Math.Round(a, 2, MidpointRounding.AwayFromZero) : null));
        }

        return cards;
    }

    /// <summary>The role a supervisor's survey form carries (the gateway's role name).</summary>
    public const string SupervisorRole = "supervisor";
}
