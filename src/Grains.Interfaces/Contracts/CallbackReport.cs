namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// The managers' weekly callbacks of in-construction customers whose due time fell in one store-local month: the basis of
/// the account manager's 10-point callback score (DOMAIN §8: target 100 %, −2 per point below).
/// </summary>
/// <param name="Month">The store-local month, <c>YYYY-MM</c>.</param>
[GenerateSerializer, Alias("crm.CallbackReport")]
public sealed record CallbackReport(string StoreId, string Month, ImmutableArray<ManagerCallbacks> Managers);

/// <summary>One manager's callbacks: due so far, done on time, done late, still open; the on-time rate (%) and the score.</summary>
[GenerateSerializer, Alias("crm.ManagerCallbacks")]
public sealed record ManagerCallbacks(string ManagerId, int Due, int OnTime, int Late, int Missed, decimal Rate, decimal Score);
