namespace Orleans.Crm.Silo.Hosting;

/// <summary>The <c>Rules:Warranty</c> section: years of warranty from completion acceptance.</summary>
public sealed class WarrantySettings
{
    /// <summary>Every category but waterproofing; default 2.</summary>
    public int? Years { get; set; }

    /// <summary>Waterproofing; default 5.</summary>
    public int? WaterproofingYears { get; set; }
}
