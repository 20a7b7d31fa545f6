namespace Orleans.Crm.Grains.Model;

/// <summary>How a visitor or lead reached the chain (DOMAIN §2, §4b).</summary>
[GenerateSerializer, Alias("crm.VisitChannel")]
public enum VisitChannel
{
    WalkIn,
    Phone,
    Web,
    Event,
    Referral,
    Partner,

    /// <summary>Bulk resources such as the owners of a newly delivered community (批量资源).</summary>
    Batch,
}
