namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The weights of the designer's half-month score (DOMAIN §8, seed 000's 设计师评定标准). The seed names the items and
/// not the points, so every number is configuration (<c>Rules:DesignerScore:*</c>); the defaults add up to 100 for a
/// designer who converts every dispatched lead, signs within the target cycle, reaches the output target, and has full
/// site satisfaction and phoned their own customers. Bonuses and deductions come on top.
/// </summary>
/// <param name="Measurement">Points × measurement rate (量房率: measurements ÷ dispatched leads, at most 100 %).</param>
/// <param name="Deposit">Points × deposit rate (交订金率: deposits ÷ dispatched leads).</param>
/// <param name="Signing">Points × signing rate (签单成功率: contracts ÷ dispatched leads).</param>
/// <param name="Cycle">Points for the signing cycle (签单周期) at or under <paramref name="CycleTargetDays"/>; none without a contract.</param>
/// <param name="CycleTargetDays">The signing cycle (days from the dispatch to the contract, averaged) that earns the full <paramref name="Cycle"/> points.</param>
/// <param name="CyclePenaltyPerDay">Points lost per day the average cycle runs over the target (the item never goes below 0).</param>
/// <param name="Output">Points × output ÷ <paramref name="OutputTarget"/> (产值: contract amounts in the period), at most <paramref name="Output"/>.</param>
/// <param name="OutputTarget">The half month's output (yuan) that earns the full output points.</param>
/// <param name="SiteSatisfaction">Points × site satisfaction (在施/竣工工地满意度, 0–100 % entered by the supervisor); none when not entered.</param>
/// <param name="PhonedOwnCustomers">Points when the supervisor records that the designer phoned their own customers.</param>
/// <param name="ReturnCustomer">Bonus per return customer (回头客) dispatched back to the designer.</param>
/// <param name="LostLead">Deduction per lost or run-away lead (丢单、跑单) the designer held.</param>
/// <param name="Refusal">Deduction per refused dispatch (挑肥拣瘦).</param>
/// <param name="MissedDuty">Deduction per missed duty (值班时无故不值班).</param>
/// <param name="ChangeRequest">Deduction per customer who asked for another designer.</param>
/// <param name="Dispute">Deduction per dispute with a customer.</param>
/// <param name="FixedDeduction">Deduction per occurrence of each fixed item (absence not logged, games at work, phone in meetings, missed review, late/early/absent).</param>
public sealed record DesignerScoreWeights(
    decimal Measurement = 15,
    decimal Deposit = 15,
    decimal Signing = 20,
    decimal Cycle = 10,
    decimal CycleTargetDays = 30,
    decimal CyclePenaltyPerDay = 0.5m,
    decimal Output = 20,
    decimal OutputTarget = 200_000,
    decimal SiteSatisfaction = 15,
    decimal PhonedOwnCustomers = 5,
    decimal ReturnCustomer = 2,
    decimal LostLead = 2,
    decimal Refusal = 3,
    decimal MissedDuty = 3,
    decimal ChangeRequest = 5,
    decimal Dispute = 5,
    decimal FixedDeduction = 2)
{
    public static DesignerScoreWeights Default { get; } = new();
}
