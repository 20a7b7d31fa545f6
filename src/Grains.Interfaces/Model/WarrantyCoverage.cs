namespace Orleans.Crm.Grains.Model;

/// <summary>Whether a repair is free (within the warranty) or paid (after it).</summary>
[GenerateSerializer, Alias("crm.WarrantyCoverage")]
public enum WarrantyCoverage
{
    Free,
    Paid,
}
