namespace Orleans.Crm.Grains.Model;

/// <summary>What an after-sales repair is about (seed 004 售后服务); waterproofing has its own, longer warranty.</summary>
[GenerateSerializer, Alias("crm.RepairCategory")]
public enum RepairCategory
{
    Waterproofing,
    Plumbing,
    Electrical,
    Carpentry,
    Tiling,
    Painting,
    Other,
}
