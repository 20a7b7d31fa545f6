using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A won claim: the lead is now a lead of the manager's store (conflicts: the same customer already worked by a store).</summary>
public sealed record ClaimResponse(string LeadId, string StoreId, string ManagerId, IReadOnlyList<LeadConflict> Conflicts);
