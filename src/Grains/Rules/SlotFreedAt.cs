namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// When a signed lead gives its designer's slot back (每签一单补一单, DOMAIN §4): at the contract (签单, the rulebook's
/// default: during the deposit the designer keeps working the customer), or already at the deposit (定金).
/// </summary>
public enum SlotFreedAt
{
    Contract,
    Deposit,
}
