using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>
/// How a built-in account records that its person left (离职) or last moved (调店): an Identity user claim (the
/// existing claim table, so no schema change), whose value keeps the command that did it, so a repeat of that command
/// answers the same and another command is refused.
/// </summary>
public static class StaffDeparture
{
    /// <summary>Present once the person left: <c>{commandKey}|{effective}|{storeId}</c>.</summary>
    public const string ClaimType = "crm_departed";

    /// <summary>The person's last transfer: <c>{commandKey}|{effective}|{fromStoreId}|{toStoreId}</c>.</summary>
    public const string TransferClaimType = "crm_transferred";

    /// <summary>The departure or last transfer recorded on the account (its fields), or null.</summary>
    public static async Task<string[]?> ReadAsync(UserManager<StaffAccount> users, StaffAccount account, string type)
    {
        ArgumentNullException.ThrowIfNull(users);
        var claim = (await users.GetClaimsAsync(account)).FirstOrDefault(c => c.Type == type);
        return claim?.Value.Split('|');
    }

    /// <summary>
    /// Marks the account departed: its refresh tokens end with a new security stamp, sign-in is refused, and the bearer
    /// check (<see cref="StaffStatusCheck"/>) refuses its access tokens.
    /// </summary>
    public static async Task MarkDepartedAsync(UserManager<StaffAccount> users, StaffAccount account, string commandKey, DateOnly effective, string? storeId)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (await ReadAsync(users, account, ClaimType) is null)
        {
            Check(await users.AddClaimAsync(account, new Claim(ClaimType, Value(commandKey, Format(effective), storeId ?? ""))));
        }

        Check(await users.UpdateSecurityStampAsync(account));
    }

    /// <summary>Moves the account to <paramref name="storeId"/> and remembers the transfer (replacing the previous one).</summary>
    public static async Task MarkTransferredAsync(UserManager<StaffAccount> users, StaffAccount account, string commandKey, DateOnly effective, string? fromStoreId, string storeId)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(account);
        var value = Value(commandKey, Format(effective), fromStoreId ?? "", storeId);
        var existing = (await users.GetClaimsAsync(account)).FirstOrDefault(c => c.Type == TransferClaimType);
        if (existing?.Value != value)
        {
            Check(existing is null
                ? await users.AddClaimAsync(account, new Claim(TransferClaimType, value))
                : await users.ReplaceClaimAsync(account, existing, new Claim(TransferClaimType, value)));
        }

        if (account.StoreId != storeId)
        {
            account.StoreId = storeId;
            Check(await users.UpdateAsync(account));
        }
    }

    /// <summary>A short, fixed-length key of a scoped command id (what a repeat is recognised by).</summary>
    public static string KeyOf(string scopedCommandId) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scopedCommandId)).AsSpan(0, 15));

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Value(params string[] parts) => string.Join('|', parts);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
