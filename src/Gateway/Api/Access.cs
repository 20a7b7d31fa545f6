using Orleans.Crm.Gateway.Auth;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Who may do what (DOMAIN §9 and issue 4's roles): role checks plus the store check (staff only their own store,
/// HQ every store). Failures throw <see cref="AccessDeniedException"/>, turned into 403 in one place.
/// </summary>
public static class Access
{
    /// <summary>Store setup: duty overrides, season, ranks, presence.</summary>
    public static readonly string[] Setup = [CrmRoles.Hq, CrmRoles.Supervisor];

    /// <summary>Registering visits.</summary>
    public static readonly string[] Reception = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.FrontDesk, CrmRoles.Manager];

    /// <summary>Entering a paper registration form later (补录) with the time the visitor really came.</summary>
    public static readonly string[] LateEntry = [CrmRoles.Supervisor, CrmRoles.FrontDesk];

    /// <summary>Reading the store's feedback forms (designers see them with contacts masked).</summary>
    public static readonly string[] FeedbackReading = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.FrontDesk, CrmRoles.Manager, CrmRoles.Designer];

    /// <summary>Working a lead: dispatch, deposit, contract, close, measurement.</summary>
    public static readonly string[] LeadWork = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager];

    /// <summary>Ending a deposit (refunded or forfeited) and completing a project: the store's supervisor or HQ.</summary>
    public static readonly string[] Ownership = [CrmRoles.Hq, CrmRoles.Supervisor];

    /// <summary>Posting to the pool.</summary>
    public static readonly string[] PoolPosting = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.FrontDesk, CrmRoles.Manager];

    /// <summary>Claiming from the pool (a supervisor or HQ on behalf of a manager).</summary>
    public static readonly string[] PoolClaiming = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Manager];

    /// <summary>Taking a customer's after-sales feedback (a repair): customer service, the front desk that logs the call, the supervisor, HQ.</summary>
    public static readonly string[] RepairIntake = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Service, CrmRoles.FrontDesk];

    /// <summary>Working a repair (assessment, scheduling, repair, acceptance): customer service, the project manager, the supervisor, HQ.</summary>
    public static readonly string[] AfterSales = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Service, CrmRoles.ProjectManager];

    /// <summary>Reading repairs.</summary>
    public static readonly string[] RepairReading = [CrmRoles.Hq, CrmRoles.Supervisor, CrmRoles.Service, CrmRoles.ProjectManager, CrmRoles.FrontDesk];

    /// <summary>
    /// Whether the caller may act on (mark done, raise a problem on) a task of <paramref name="storeId"/> assigned to
    /// <paramref name="assigneeId"/>: HQ; the store's supervisor; the assignee; for a team's task
    /// (<see cref="Grains.Model.TaskAssignees"/>) the store's customer service (or HQ's) for any team, the store's
    /// project manager for the construction department.
    /// </summary>
    public static bool CanActOnTask(this StaffUser user, string storeId, string assigneeId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanSeeStore(storeId))
        {
            return false;
        }

        return user.IsHq
            || user.Role == CrmRoles.Supervisor
            || assigneeId == user.UserId
            || user.SeesTeamTask(assigneeId);
    }

    /// <summary>A team's task the caller's role serves (service: every team of the stores it sees; pm: construction of its store).</summary>
    public static bool SeesTeamTask(this StaffUser user, string assigneeId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Grains.Model.TaskAssignees.TryParse(assigneeId, out var team, out var storeId) || !user.CanSeeStore(storeId))
        {
            return false;
        }

        return user.Role == CrmRoles.Service || (user.Role == CrmRoles.ProjectManager && team == "construction");
    }

    /// <summary>The caller of this request (the route group's policy guarantees a known role).</summary>
    public static StaffUser Staff(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return StaffUser.From(http.User) ?? throw new AccessDeniedException("The token carries no known role.");
    }

    /// <summary>Staff of <paramref name="storeId"/> or HQ.</summary>
    public static void EnsureStore(this StaffUser user, string? storeId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanSeeStore(storeId))
        {
            throw new AccessDeniedException(storeId is null
                ? "Only head office may do this."
                : $"Staff of store '{user.StoreId}' may not access store '{storeId}'.");
        }
    }

    /// <summary>One of <paramref name="roles"/>, of <paramref name="storeId"/> (or HQ).</summary>
    public static void EnsureRole(this StaffUser user, string? storeId, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        EnsureRole(user, roles);
        user.EnsureStore(storeId);
    }

    /// <summary>One of <paramref name="roles"/>, whatever the store.</summary>
    public static void EnsureRole(this StaffUser user, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.Contains(user.Role))
        {
            throw new AccessDeniedException($"The {user.Role} role may not do this (allowed: {string.Join(", ", roles)}).");
        }
    }

    /// <summary>A manager acts only as themselves: the manager id in the request must be the token's subject.</summary>
    public static void EnsureSelfWhenManager(this StaffUser user, string managerId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role == CrmRoles.Manager && !string.Equals(user.UserId, managerId, StringComparison.Ordinal))
        {
            throw new AccessDeniedException($"Manager '{user.UserId}' may not act as manager '{managerId}'.");
        }
    }
}
