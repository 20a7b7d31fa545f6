namespace Orleans.Crm.Gateway.Auth;

/// <summary>The claim names of the gateway's tokens.</summary>
public static class CrmClaims
{
    /// <summary>The user id (manager id for managers, designer id for designers).</summary>
    public const string UserId = "sub";

    /// <summary>One of <see cref="CrmRoles"/>.</summary>
    public const string Role = "role";

    /// <summary>The store the user belongs to (absent for hq).</summary>
    public const string StoreId = "store_id";
}
