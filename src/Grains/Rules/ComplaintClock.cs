using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The complaint clock of seed 003 as plain rules: deadlines from the time a round started (the call, or a
/// dissatisfied satisfaction call that re-opened the complaint), steps, breaches and repeat complaints.
/// </summary>
public static class ComplaintClock
{
    /// <summary>A new complaint received at <paramref name="at"/>, in round 1.</summary>
    public static ComplaintView Receive(string complaintId, string storeId, FileComplaint filed, DateTimeOffset at, string? repeatOf, ComplaintOptions options)
    {
        ArgumentNullException.ThrowIfNull(filed);
        var view = new ComplaintView(
            complaintId, storeId, filed.CustomerId ?? throw new ArgumentException("The customer is identified first.", nameof(filed)), filed.Phone, filed.ProjectId, filed.Channel, filed.Summary, filed.Emergency, filed.FiledBy, at,
            ComplaintSteps.Open, 1, at, at, at, null, at, at, null, null, [], [], repeatOf, null);
        return WithDeadlines(view, options);
    }

    /// <summary>The deadlines of the current round (customer told: only once the department was notified in it).</summary>
    public static ComplaintView WithDeadlines(ComplaintView view, ComplaintOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        var start = view.RoundStartedAt;
        var notified = Done(view, ComplaintSteps.DepartmentNotified);
        return view with
        {
            ReplyPromiseBy = start + options.ReplyPromise,
            DepartmentNotifiedBy = start + options.DepartmentNotice,
            CustomerToldBy = notified is null ? null : notified.At + options.CustomerTold,
            CheckBy = start + options.Check,
            SatisfactionCallBy = start + options.SatisfactionCall,
        };
    }

    /// <summary>The step's record in the current round, if it was done.</summary>
    public static ComplaintStepView? Done(ComplaintView view, string step) =>
        view.Steps.LastOrDefault(s => s.Step == step && s.Round == view.Round);

    /// <summary>The deadline of a step in the current round (null: customer told before the department was notified).</summary>
    public static DateTimeOffset? DueAt(ComplaintView view, string step) => step switch
    {
        ComplaintSteps.ReplyPromised => view.ReplyPromiseBy,
        ComplaintSteps.DepartmentNotified => view.DepartmentNotifiedBy,
        ComplaintSteps.CustomerTold => view.CustomerToldBy,
        ComplaintSteps.Checked => view.CheckBy,
        ComplaintSteps.SatisfactionCall => view.SatisfactionCallBy,
        _ => null,
    };

    /// <summary>
    /// Records a step at <paramref name="now"/>. Refuses (400) an unknown step or missing details, (409) a closed
    /// complaint, a step already done in this round, and telling the customer before the department was notified.
    /// Satisfied closes the complaint; not satisfied starts a new round of the whole clock from this call (re-opened).
    /// </summary>
    public static ComplaintView Apply(ComplaintView view, RecordComplaintStep step, DateTimeOffset now, ComplaintOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(step);
        if (!ComplaintSteps.All.Contains(step.Step))
        {
            throw CrmException.Invalid("step", $"'{step.Step}' is not a complaint step: use one of {string.Join(", ", ComplaintSteps.All)}.");
        }

        if (step.Step == ComplaintSteps.DepartmentNotified && string.IsNullOrWhiteSpace(step.Department))
        {
            throw CrmException.Invalid("department", "department-notified names the department that was notified.");
        }

        if (step.Step == ComplaintSteps.SatisfactionCall && step.Satisfied is null)
        {
            throw CrmException.Invalid("satisfied", "satisfaction-call says whether the customer is satisfied (true or false).");
        }

        if (view.State == ComplaintSteps.Closed)
        {
            throw CrmException.Conflict("complaintId", $"Complaint {view.ComplaintId} is closed.");
        }

        if (Done(view, step.Step) is not null)
        {
            throw CrmException.Conflict("step", $"'{step.Step}' is already recorded for complaint {view.ComplaintId}.");
        }

        if (step.Step == ComplaintSteps.CustomerTold && Done(view, ComplaintSteps.DepartmentNotified) is null)
        {
            throw CrmException.Conflict("step", "The customer is told what was done after the department was notified: record department-notified first.");
        }

        var due = DueAt(view, step.Step);
        var recorded = new ComplaintStepView(step.Step, now, step.By, step.Note, step.Department?.Trim(), step.Person?.Trim(), step.Satisfied, due is { } d && now > d, view.Round);
        var next = view with { Steps = view.Steps.Add(recorded) };
        if (step.Step == ComplaintSteps.DepartmentNotified)
        {
            next = WithDeadlines(next with { Department = recorded.Department, DepartmentPerson = recorded.Person }, options);
        }

        if (step.Step == ComplaintSteps.SatisfactionCall)
        {
            next = step.Satisfied == true
                ? next with { State = ComplaintSteps.Closed, ClosedAt = now }
                : WithDeadlines(next with { Round = view.Round + 1, RoundStartedAt = now, State = ComplaintSteps.Open }, options);
        }

        return next;
    }

    /// <summary>
    /// The deadlines of the current round that have passed (a step at its deadline is in time) by <paramref name="now"/> without their step and are not
    /// yet marked: each becomes a breach (the complaint is breached from then on). Empty when nothing is newly due, so
    /// a second sweep changes nothing.
    /// </summary>
    public static ImmutableArray<ComplaintBreachView> NewBreaches(ComplaintView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.State == ComplaintSteps.Closed)
        {
            return [];
        }

        var found = ImmutableArray.CreateBuilder<ComplaintBreachView>();
        foreach (var step in ComplaintSteps.All)
        {
            if (DueAt(view, step) is { } due && due < now && Done(view, step) is null
                && !view.Breaches.Any(b => b.Step == step && b.Round == view.Round))
            {
                var (responsible, person) = Responsible(view, step);
                found.Add(new ComplaintBreachView(step, due, now, responsible, person, view.Round));
            }
        }

        return found.ToImmutable();
    }

    /// <summary>The complaint with breaches added: breached until it closes.</summary>
    public static ComplaintView Breach(ComplaintView view, ImmutableArray<ComplaintBreachView> breaches)
    {
        ArgumentNullException.ThrowIfNull(view);
        return breaches.IsDefaultOrEmpty ? view : view with { Breaches = view.Breaches.AddRange(breaches), State = ComplaintSteps.Breached };
    }

    /// <summary>
    /// Who answers for a missed step: the department for the check it owed (once notified), customer service for the
    /// rest — the service person who last acted on the complaint, or whoever filed it.
    /// </summary>
    public static (string Responsible, string? Person) Responsible(ComplaintView view, string step)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (step == ComplaintSteps.Checked && view.Department is { } department)
        {
            return (department, view.DepartmentPerson);
        }

        return (ComplaintSteps.CustomerService, view.Steps.Length > 0 ? view.Steps[^1].By : view.FiledBy);
    }

    /// <summary>
    /// The same matter (documented choice): the same customer and the same project, or — when the new complaint names no
    /// project — the same customer's complaint without a project.
    /// </summary>
    public static bool SameMatter(ComplaintView earlier, string customerId, string? projectId) =>
        earlier.CustomerId == customerId && string.Equals(earlier.ProjectId, projectId, StringComparison.Ordinal);

    /// <summary>
    /// The earlier complaint a new one repeats: about the same matter, and breached while unclosed, or closed within
    /// <paramref name="window"/> before <paramref name="now"/>. A breached one wins over a merely recent one (it is
    /// what the repeat is recorded against); then the latest.
    /// </summary>
    public static ComplaintView? RepeatOf(IEnumerable<ComplaintView> kept, string customerId, string? projectId, DateTimeOffset now, TimeSpan window) =>
        kept.Where(c => SameMatter(c, customerId, projectId))
            .Where(c => c.State == ComplaintSteps.Breached || (c.State == ComplaintSteps.Closed && c.ClosedAt is { } closed && now - closed <= window))
            .OrderByDescending(c => c.State == ComplaintSteps.Breached || !c.Breaches.IsDefaultOrEmpty)
            .ThenByDescending(c => c.ReceivedAt)
            .FirstOrDefault();
}
