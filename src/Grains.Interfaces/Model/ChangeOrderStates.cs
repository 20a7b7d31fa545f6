namespace Orleans.Crm.Grains.Model;

/// <summary>A change order is pending until the customer signs its supplementary agreement (DOMAIN §6, seed 004).</summary>
public static class ChangeOrderStates
{
    public const string Pending = "pending";

    public const string Signed = "signed";
}
