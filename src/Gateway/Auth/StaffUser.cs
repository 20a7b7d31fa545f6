using System.Security.Claims;

namespace Orleans.Crm.Gateway.Auth;

/// <summary>The caller as the rules of access see them (DOMAIN.md §9).</summary>
public sealed record StaffUser(string UserId, string Role, string? StoreId)
{
    /// <summary>Head office.</summary>
    public bool IsHq => Role == CrmRoles.Hq;

    /// <summary>HQ's customer service: the service role without a store sees every store's customer care.</summary>
    public bool IsChainService => Role == CrmRoles.Service && StoreId is null;

    /// <summary>A wall display: masked data only.</summary>
    public bool IsDisplay => Role == CrmRoles.Display;

    /// <summary>Reads the caller from the validated token; null when the principal carries no usable role.</summary>
    public static StaffUser? From(ClaimsPrincipal principal)
    {
        var role = principal.FindFirstValue(CrmClaims.Role) ?? principal.FindFirstValue(ClaimTypes.Role);
        if (role is null || !CrmRoles.All.Contains(role))
        {
            return null;
        }

        var userId = principal.FindFirstValue(CrmClaims.UserId) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? role;
        return new StaffUser(userId, role, principal.FindFirstValue(CrmClaims.StoreId));
    }

    /// <summary>Staff see their own store's data only; head office sees all.</summary>
    public bool CanSeeStore(string? storeId) => IsHq || IsChainService || (storeId is not null && string.Equals(StoreId, storeId, StringComparison.Ordinal));

    /// <summary>Full names and phones: never for displays; designers only for leads they hold.</summary>
    public bool CanSeeLeadDetails(string? storeId, string? designerId) => Role switch
    {
        CrmRoles.Display => false,
        CrmRoles.Designer => designerId is not null && designerId == UserId,
        _ => CanSeeStore(storeId),
    };
}
