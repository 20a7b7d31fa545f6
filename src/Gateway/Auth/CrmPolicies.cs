namespace Orleans.Crm.Gateway.Auth;

/// <summary>Authorization policy names. Store scoping (own store vs HQ) is checked per request against the data.</summary>
public static class CrmPolicies
{
    /// <summary>Any staff token except a wall display's: the whole REST API.</summary>
    public const string Staff = "crm-staff";

    /// <summary>Any valid token including a display's: reading a store's board (the hub and the board snapshot).</summary>
    public const string Board = "crm-board";

    /// <summary>
    /// Head office only, by the dashboard's sign-in cookie (a browser) or a bearer token: the Orleans Dashboard's pages
    /// and data (<c>/dashboard</c>).
    /// </summary>
    public const string Dashboard = "crm-dashboard";

    /// <summary>
    /// Any signed-in person, even one whose built-in account still waits for its own password (issue 16): only
    /// <c>POST /api/auth/password</c>.
    /// </summary>
    public const string Account = "crm-account";

    /// <summary>The roles of <see cref="Staff"/>.</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [.. CrmRoles.All.Where(r => r != CrmRoles.Display)];
}
