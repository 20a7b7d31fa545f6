namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A fault slip (一般过失单): a manual dispatch override that broke the dispatch rules (DOMAIN §4), charged to the
/// dispatching manager.
/// </summary>
/// <param name="Rules">The codes of the rules broken (<see cref="Model.DispatchRuleCodes"/>).</param>
/// <param name="RuleBroken">The rules broken, in words.</param>
/// <param name="Reason">The reason the override gave.</param>
/// <param name="By">Who sent the override (a supervisor or HQ may dispatch for a manager).</param>
[GenerateSerializer, Alias("crm.FaultSlipView")]
public sealed record FaultSlipView(
    string StoreId,
    string ManagerId,
    string LeadId,
    int? RunningNumber,
    string DesignerId,
    ImmutableArray<string> Rules,
    string RuleBroken,
    string Reason,
    DateTimeOffset At,
    string? By);
