namespace Orleans.Crm.Grains.Model;

/// <summary>Status of a customer in the register; each has a colour (seed 000, DOMAIN §6).</summary>
[GenerateSerializer, Alias("crm.LeadStatus")]
public enum LeadStatus
{
    Normal,
    Measured,
    Deposit,
    KeyFollowUp,
    Signed,
    Invalid,
    Lost,
}
