using Microsoft.AspNetCore.Identity;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// A built-in staff account (ASP.NET Core Identity user): <see cref="IdentityUser.UserName"/> is the CRM user id
/// (manager id for managers, designer id for designers), with the role and store its tokens carry.
/// </summary>
public sealed class StaffAccount : IdentityUser
{
    /// <summary>The person's name as HQ entered it.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="CrmRoles"/> (never display: displays are paired, not signed in).</summary>
    public string Role { get; set; } = "";

    /// <summary>The store (null for HQ and HQ's customer service).</summary>
    public string? StoreId { get; set; }

    /// <summary>True until the person replaces the password HQ (or the bootstrap configuration) gave them.</summary>
    public bool PasswordChangeRequired { get; set; }

    /// <summary>The caller as the API's access rules see them.</summary>
    public StaffUser ToStaffUser() => new(UserName!, Role, StoreId);
}
