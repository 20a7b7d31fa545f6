using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// The API and the board refuse a token of a built-in account that still has the password HQ gave it: the person
/// sets their own first (<c>POST /api/auth/password</c>).
/// </summary>
public static class PasswordSetRequirement
{
    /// <summary>Met when the token carries no <see cref="AccountClaims.PasswordChange"/> claim.</summary>
    public static AssertionRequirement Instance { get; } =
        new(context => !context.User.HasClaim(c => c.Type == AccountClaims.PasswordChange));
}
