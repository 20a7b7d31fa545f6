namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary><c>Auth:Claims</c>: the names of the chain provider's claims that carry what the CRM needs.</summary>
public sealed class OidcClaimOptions
{
    /// <summary>The user id (the manager or designer id the CRM knows the person by).</summary>
    public string UserId { get; set; } = "sub";

    /// <summary>The CRM role (hq, supervisor, frontdesk, manager, designer, pm, service).</summary>
    public string Role { get; set; } = "role";

    /// <summary>The store id (absent for HQ).</summary>
    public string Store { get; set; } = "store_id";
}
