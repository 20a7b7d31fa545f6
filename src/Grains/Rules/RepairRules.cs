using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The after-sales repair flow (seed 004 售后服务流程): feedback → assessment (nature, severity, plan) → scheduling
/// (technician, time, customer told) → repair → customer acceptance (not accepted → scheduled again) → callbacks.
/// Pure: the repair as it is, the input and the time; the repair grain runs them in its turn.
/// </summary>
public static class RepairRules
{
    /// <summary>States from which an assessment may be given (again, until the visit is scheduled).</summary>
    private static readonly RepairState[] Assessable = [RepairState.Reported, RepairState.Assessed];

    /// <summary>
    /// A new repair. Refused (409) when the project has no completion acceptance: until then a defect is construction
    /// work, which the project manager handles within the project, and there is no warranty to decide by.
    /// </summary>
    public static RepairView Open(string repairId, OpenRepair command, DateTimeOffset? completedAt, DateTimeOffset now, WarrantyOptions warranty)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            throw CrmException.Invalid("description", "The description field is required: what the customer reported.");
        }

        if (completedAt is not { } completed)
        {
            throw CrmException.Conflict("projectId", $"Project {command.ProjectId} is not completed (no completion acceptance): construction defects go to the project manager.");
        }

        return new RepairView(
            repairId,
            command.ProjectId,
            command.CustomerId,
            command.StoreId,
            RepairState.Reported,
            command.Category,
            command.Severity,
            command.Description.Trim(),
            now,
            command.By,
            WarrantyRules.Decide(command.Category, completed, now, command.TimeZone, warranty),
            null,
            null,
            [],
            null,
            null,
            [],
            []);
    }

    /// <summary>The assessment; a corrected category decides the warranty again (by the day the problem was reported).</summary>
    public static RepairView Assess(RepairView repair, AssessRepair command, DateTimeOffset now, string timeZone, WarrantyOptions warranty)
    {
        ArgumentNullException.ThrowIfNull(repair);
        ArgumentNullException.ThrowIfNull(command);
        Require(repair, "assess", Assessable);
        var nature = Required(command.Nature, "nature", "the nature of the problem");
        var plan = Required(command.Plan, "plan", "the repair plan");
        var category = command.Category ?? repair.Category;
        return repair with
        {
            State = RepairState.Assessed,
            Category = category,
            Severity = command.Severity,
            Assessment = new RepairAssessment(nature, command.Severity, plan, category, now, command.By),
            Warranty = category == repair.Warranty.Category
                ? repair.Warranty
                : WarrantyRules.Decide(category, repair.Warranty.CompletedAt, repair.ReportedAt, timeZone, warranty),
        };
    }

    /// <summary>A technician and time (after the assessment, or again after a rejected repair, or to move a planned visit).</summary>
    public static RepairView Schedule(RepairView repair, ScheduleRepair command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(repair);
        ArgumentNullException.ThrowIfNull(command);
        Require(repair, "schedule", RepairState.Assessed, RepairState.Scheduled);
        var technician = Required(command.Technician, "technician", "who repairs");
        if (!command.CustomerTold)
        {
            throw CrmException.Invalid("customerTold", "The customer must be told the technician and time when the visit is scheduled (维修安排: 及时通知客户); send customerTold: true.");
        }

        return repair with { State = RepairState.Scheduled, Schedule = new RepairSchedule(technician, command.VisitAt, now, now, command.By) };
    }

    /// <summary>The technician did the scheduled repair.</summary>
    public static RepairView Repaired(RepairView repair, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(repair);
        Require(repair, "record the repair of", RepairState.Scheduled);
        var schedule = repair.Schedule!;
        var visit = new RepairVisit(repair.Visits.Length + 1, schedule.Technician, schedule.VisitAt, now, Trimmed(note));
        return repair with { State = RepairState.Repaired, Schedule = null, Visits = repair.Visits.Add(visit) };
    }

    /// <summary>
    /// The customer's verdict on the last visit: accepted → the callbacks are scheduled from now; not accepted → back
    /// to scheduling (维修验收: 如客户对维修结果不满意，应及时安排再次维修，直至客户满意为止).
    /// </summary>
    public static RepairView Acceptance(RepairView repair, bool accepted, string? note, DateTimeOffset now, CallbackOptions callbacks, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(repair);
        Require(repair, "record the acceptance of", RepairState.Repaired);
        var last = repair.Visits[^1] with { Accepted = accepted, DecidedAt = now, CustomerNote = Trimmed(note) };
        var visits = repair.Visits.SetItem(repair.Visits.Length - 1, last);
        return accepted
            ? repair with { State = RepairState.Accepted, Visits = visits, AcceptedAt = now, Callbacks = CallbackRules.Schedule(repair.RepairId, now, callbacks, timeZone) }
            : repair with { State = RepairState.Assessed, Visits = visits };
    }

    /// <summary>Accepted, every callback opened and every task closed: the repair's record is complete.</summary>
    public static bool IsFinished(RepairView repair)
    {
        ArgumentNullException.ThrowIfNull(repair);
        return repair.State == RepairState.Accepted
            && repair.Callbacks.All(c => c.Opened)
            && repair.Tasks.All(t => t.State != TaskStates.Open);
    }

    private static void Require(RepairView repair, string action, params RepairState[] states)
    {
        if (!states.Contains(repair.State))
        {
            throw CrmException.Conflict("state", $"Repair {repair.RepairId} is {Name(repair.State)}: cannot {action} it now (needs {string.Join(" or ", states.Select(Name))}).");
        }
    }

    private static string Name(RepairState state) => state.ToString().ToLowerInvariant();

    private static string Required(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw CrmException.Invalid(field, $"The {field} field is required: {what}.") : value.Trim();

    private static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
