namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A manager's leave day as now recorded.</summary>
public sealed record LeaveResponse(string ManagerId, string StoreId, string Date, bool OnLeave);
