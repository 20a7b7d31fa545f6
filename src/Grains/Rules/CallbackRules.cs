using System.Globalization;
using Orleans.Crm.Grains.Contracts;
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
    public static IReadOnlyList<int> DefaultAftercareDays => CallbackOptions.Default.Days;

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
        var opens = acceptedAt;
        var callbacks = new List<ScheduledCallback>();
        foreach (var d in (days ?? DefaultAftercareDays).Order())
        {
            var due = AftercareDue(acceptedAt, d, timeZone);
            callbacks.Add(new ScheduledCallback(AftercareTaskId(ownerId, d), AftercareRule, TaskIds.ServiceDesk(storeId), opens, due, $"After-care callback within {d} days: ask the customer how everything is; pass any problem on within 1 h."));
            opens = due;
        }

        return callbacks;
    }

    /// <summary>
    /// When a callback "within <paramref name="days"/> days" of <paramref name="acceptedAt"/> is due: at the end of the
    /// store-local day <paramref name="days"/> days after the acceptance date (the one rule for after-care and repair
    /// callbacks, seed 003).
    /// </summary>
    public static DateTimeOffset AftercareDue(DateTimeOffset acceptedAt, int days, string timeZone) =>
        StoreCalendar.StartOfDay(StoreCalendar.LocalDate(acceptedAt, timeZone).AddDays(days + 1), timeZone);

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

    // After a repair (seed 003 维修后回访) and the problems heard on any callback (将问题于1小时内转达到有关部门,
    // 24小时内回访问题解决状况): a repair keeps its schedule as data and its sweep opens each callback when its window
    // begins (the first at once, each next one when the previous is due).

    /// <summary>The task kind of a department's ticket raised on a callback.</summary>
    public const string TicketKind = "ticket";

    /// <summary>The task kind of the re-check call after a ticket.</summary>
    public const string RecheckKind = "recheck";

    /// <summary>The rule of a repair's callbacks (the task list's <c>rule</c>).</summary>
    public const string RepairCallbackRule = "repair-callback";

    /// <summary>The rule of the tickets and re-checks a callback's problem raised (any owner's callbacks).</summary>
    public const string CallbackProblemRule = "callback-problem";

    /// <summary>
    /// The callback schedule of <paramref name="ownerId"/> after <paramref name="from"/> (the customer's acceptance), due as
    /// after-care callbacks are (<see cref="AftercareDue"/>).
    /// </summary>
    public static ImmutableArray<CallbackSlot> Schedule(string ownerId, DateTimeOffset from, CallbackOptions options, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slots = ImmutableArray.CreateBuilder<CallbackSlot>();
        var opens = from;
        for (var i = 0; i < options.Days.Length; i++)
        {
            var due = AftercareDue(from, options.Days[i], timeZone);
            slots.Add(new CallbackSlot(TaskIds.For(ownerId, string.Create(CultureInfo.InvariantCulture, $"callback{i + 1}"), "call"), options.Days[i], opens, due, false));
            opens = due;
        }

        return slots.ToImmutable();
    }

    /// <summary>
    /// The slots whose window has begun by <paramref name="now"/> and whose task is not open yet, with their tasks for
    /// <paramref name="assigneeId"/>. A sweep that runs late opens every slot that is due at once; one that runs twice
    /// opens nothing the second time.
    /// </summary>
    public static IReadOnlyList<(CallbackSlot Slot, LeadTask Task)> DueToOpen(ImmutableArray<CallbackSlot> slots, DateTimeOffset now, string assigneeId, string rule = RepairCallbackRule)
    {
        return [.. slots
            .Where(s => !s.Opened && s.OpensAt <= now)
            .Select(s => (s, new LeadTask(
                CallbackKind,
                assigneeId,
                s.DueAt,
                string.Create(CultureInfo.InvariantCulture, $"Callback within {s.Days} days: ask about the work and satisfaction; record any problem."),
                s.TaskId,
                TaskStates.Open,
                rule)))];
    }

    /// <summary>
    /// A problem heard on <paramref name="callback"/> at <paramref name="now"/>: a ticket for the department of
    /// <paramref name="storeId"/> due within <see cref="CallbackOptions.TicketDue"/>, and a re-check call for the store's
    /// customer service due within <see cref="CallbackOptions.RecheckDue"/>. Their ids follow from the callback's id
    /// (<c>{owner}.{rule}-ticket</c>, <c>{owner}.{rule}-recheck</c>), so one callback raises them once. Refused when
    /// the task is no callback, or is not open, or already raised them; the department must be one of
    /// <see cref="TaskAssignees.Departments"/>.
    /// </summary>
    public static (LeadTask Ticket, LeadTask Recheck) Problem(LeadTask callback, IEnumerable<LeadTask> existing, CallbackProblem problem, string storeId, DateTimeOffset now, CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var department = problem.Department.Trim().ToLowerInvariant();
        if (!TaskAssignees.Departments.Contains(department))
        {
            throw CrmException.Invalid("department", $"'{problem.Department}' is not a department: use one of {string.Join(", ", TaskAssignees.Departments)}.");
        }

        if (string.IsNullOrWhiteSpace(problem.Description))
        {
            throw CrmException.Invalid("description", "The description field is required: what the customer said.");
        }

        if (callback.Kind != CallbackKind)
        {
            throw CrmException.Conflict("taskId", $"Task {callback.TaskId} is a {callback.Kind}, not a callback: only a problem heard on a callback raises a ticket.");
        }

        var (ticketId, recheckId) = (Derived(callback.TaskId!, TicketKind), Derived(callback.TaskId!, RecheckKind));
        if (existing.Any(t => t.TaskId == ticketId))
        {
            throw CrmException.Conflict("taskId", $"A problem was already raised on callback {callback.TaskId} (ticket {ticketId}).");
        }

        if (callback.State != TaskStates.Open)
        {
            throw CrmException.Conflict("taskId", $"Callback {callback.TaskId} is already {callback.State}.");
        }

        var description = problem.Description.Trim();
        var ticket = new LeadTask(TicketKind, TaskAssignees.Department(department, storeId), now + options.TicketDue,
            $"Problem heard on callback {callback.TaskId}: {description}", ticketId, TaskStates.Open, CallbackProblemRule);
        var recheck = new LeadTask(RecheckKind, TaskAssignees.Service(storeId), now + options.RecheckDue,
            $"Re-check with the customer that the {department} ticket solved: {description}", recheckId, TaskStates.Open, CallbackProblemRule);
        return (ticket, recheck);
    }

    /// <summary><c>{owner}.{rule}-{kind}</c> → <c>{owner}.{rule}-{newKind}</c>.</summary>
    private static string Derived(string callbackTaskId, string newKind)
    {
        var dash = callbackTaskId.LastIndexOf('-');
        var dot = callbackTaskId.LastIndexOf('.');
        return dash > dot ? $"{callbackTaskId[..dash]}-{newKind}" : $"{callbackTaskId}-{newKind}";
    }
}
