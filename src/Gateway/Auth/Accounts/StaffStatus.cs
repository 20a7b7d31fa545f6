namespace Orleans.Crm.Gateway.Auth.Accounts;

/// <summary>A built-in account as the token check needs it: the role and store it has now, and whether the person left.</summary>
public sealed record StaffStatus(string Role, string? StoreId, bool Departed);
