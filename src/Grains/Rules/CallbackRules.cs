using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Callbacks after a repair (seed 003 维修后回访: the first within 3 days, the second within 10, the third within 30) and
/// the problems heard on a callback (将问题于1小时内转达到有关部门, 24小时内回访问题解决状况). Pure: a grain keeps the
/// schedule as data and its sweep opens each callback when its window begins (the first at once, each next one when
/// the previous is due), so a task list shows the callback that is due next, not all three at once.
/// </summary>
public static class CallbackRules
{
    /// <summary>The task kind of a callback.</summary>
    public const string CallbackKind = "callback";

    /// <summary>The task kind of a department's ticket raised on a callback.</summary>
    public const string TicketKind = "ticket";

    /// <summary>The task kind of the re-check call after a ticket.</summary>
    public const string RecheckKind = "recheck";

    /// <summary>The rule of a repair's callbacks (the task list's <c>rule</c>).</summary>
    public const string RepairCallbackRule = "repair-callback";

    /// <summary>The rule of the tickets and re-checks a callback's problem raised (any owner's callbacks).</summary>
    public const string CallbackProblemRule = "callback-problem";

    /// <summary>The callback schedule of <paramref name="ownerId"/> after <paramref name="from"/> (the customer's acceptance).</summary>
    public static ImmutableArray<CallbackSlot> Schedule(string ownerId, DateTimeOffset from, CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slots = ImmutableArray.CreateBuilder<CallbackSlot>();
        var opens = from;
        for (var i = 0; i < options.Days.Length; i++)
        {
            var due = from + TimeSpan.FromDays(options.Days[i]);
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
