namespace Orleans.Crm.Grains.Model;

/// <summary>How serious a repair is, as reported and then as assessed (问题严重程度).</summary>
[GenerateSerializer, Alias("crm.RepairSeverity")]
public enum RepairSeverity
{
    Low,
    Medium,
    High,
    Urgent,
}
