namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// What a designer did in one half month: counted from the journal (dispatches, measurements, deposits, contracts with
/// their amounts and cycles, return customers, lost leads, refusals) plus what the supervisor entered
/// (<see cref="Contracts.DesignerFacts"/>).
/// </summary>
/// <param name="CycleDays">Days from the dispatch to the contract, one per contract signed in the period.</param>
public sealed record DesignerPeriodFacts(
    int Dispatched = 0,
    int Measured = 0,
    int Deposits = 0,
    int Contracts = 0,
    decimal Output = 0,
    ImmutableArray<decimal> CycleDays = default,
    int ReturnCustomers = 0,
    int LostLeads = 0,
    int Refusals = 0,
    Contracts.DesignerFacts? Entered = null)
{
    public ImmutableArray<decimal> Cycles => CycleDays.IsDefault ? [] : CycleDays;
}
