namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>Claims only built-in accounts' tokens carry.</summary>
public static class AccountClaims
{
    /// <summary>
    /// Present (value <c>required</c>) while the account still has the password HQ gave it: such a token opens
    /// nothing but <c>POST /api/auth/password</c> (the Staff and Board policies refuse it).
    /// </summary>
    public const string PasswordChange = "pwd_change";

    /// <summary>The value of <see cref="PasswordChange"/>.</summary>
    public const string Required = "required";
}
