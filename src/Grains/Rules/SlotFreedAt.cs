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

/// <summary>The slot rule of a signing (每签一单补一单).</summary>
public static class SlotRules
{
    /// <summary>Whether recording a deposit (<paramref name="contract"/> false) or a contract frees the holding designer's slot.</summary>
    public static bool FreesSlot(this SlotFreedAt freedAt, bool contract) => contract || freedAt == SlotFreedAt.Deposit;
}
