namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A built-in staff account and, for managers and designers, their place in the store.</summary>
public sealed record StaffAccountResponse(
    string UserId,
    string Name,
    string Role,
    string? StoreId,
    string? GroupManagerId,
    int? Rank,
    string? Grade,
    bool PasswordChangeRequired);
