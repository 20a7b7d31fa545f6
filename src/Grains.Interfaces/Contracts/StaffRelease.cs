namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A person leaves a store (issue 16): they leave the chain (离职, <see cref="Leave"/>) or move to another store
/// (调店, <see cref="Transfer"/>). The store hands their open work over first: a designer's leads go back to dispatch by
/// the rules, an account manager's leads, queue entries, tasks and designers go to <paramref name="ReassignTo"/>.
/// </summary>
/// <param name="Kind"><see cref="Leave"/> or <see cref="Transfer"/>.</param>
/// <param name="Effective">The store-local date the change takes effect (recorded; the hand-over happens now).</param>
/// <param name="ReassignTo">The account manager of the same store who takes a leaving manager's leads and group.</param>
/// <param name="TargetStoreId">For a transfer: the store the person joins.</param>
/// <param name="TargetGroupManagerId">For a designer's transfer: the group they join there.</param>
/// <param name="By">Who decided it (HQ or the supervisor).</param>
[GenerateSerializer, Alias("crm.StaffRelease")]
public sealed record StaffRelease(
    string UserId,
    string Kind,
    DateOnly Effective,
    string? ReassignTo = null,
    string? TargetStoreId = null,
    string? TargetGroupManagerId = null,
    string? By = null)
{
    public const string Leave = "leave";

    public const string Transfer = "transfer";
}

/// <summary>What a store did when a person left it: every open piece of their work and where it went.</summary>
/// <param name="Role">manager or designer.</param>
/// <param name="Leads">Each open lead handed over and where it went.</param>
/// <param name="TasksMoved">Open tasks moved from the person to whoever took the lead.</param>
/// <param name="DesignersMoved">A leaving manager's designers, now in <c>ReassignTo</c>'s group.</param>
/// <param name="DutyDatesRemoved">Duty overrides on or after today that named the person (they left the rotation too).</param>
/// <param name="ClaimsSettled">The manager's open pool claims settled (they stop counting against the departed claimant).</param>
[GenerateSerializer, Alias("crm.StaffReleased")]
public sealed record StaffReleased(
    string UserId,
    string StoreId,
    string Role,
    string Name,
    string Kind,
    DateOnly Effective,
    ImmutableArray<LeadHandover> Leads,
    int TasksMoved,
    ImmutableArray<string> DesignersMoved,
    ImmutableArray<DateOnly> DutyDatesRemoved,
    int ClaimsSettled,
    Model.DesignerLevel? Level = null,
    Model.DesignerGrade? Grade = null);

/// <summary>One lead handed over when its designer or manager left.</summary>
/// <param name="Outcome"><see cref="Dispatched"/>, <see cref="Queued"/>, <see cref="ToManager"/> or <see cref="Unassigned"/>.</param>
/// <param name="DesignerId">The designer who holds it now (dispatched), else null.</param>
/// <param name="ManagerId">The account manager it is credited to now.</param>
[GenerateSerializer, Alias("crm.LeadHandover")]
public sealed record LeadHandover(string LeadId, int? RunningNumber, string Outcome, string? DesignerId, string? ManagerId)
{
    /// <summary>Re-dispatched by the rules to another designer.</summary>
    public const string Dispatched = "dispatched";

    /// <summary>No designer could take it: it waits in the queue.</summary>
    public const string Queued = "queued";

    /// <summary>A leaving manager's lead, now the chosen manager's.</summary>
    public const string ToManager = "manager";

    /// <summary>A signed (deposit) lead of a leaving designer: no slot to re-dispatch; its manager picks the next designer.</summary>
    public const string Unassigned = "unassigned";
}
