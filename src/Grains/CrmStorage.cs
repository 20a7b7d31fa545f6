namespace Orleans.Crm.Grains;

/// <summary>
/// The grain storage provider and the state names. The storage identity is the key plus the state name (not the grain
/// type), so every grain class uses a name of its own.
/// </summary>
public static class CrmStorage
{
    /// <summary>The grain storage provider every grain uses.</summary>
    public const string Provider = "crm";

    public const string Store = "store";
    public const string Customer = "customer";
    public const string Pool = "pool";
    public const string Lead = "lead";
    public const string Designer = "designer";
    public const string Manager = "manager";
    public const string ComplaintDesk = "complaint-desk";
    public const string ComplaintDirectory = "complaint-directory";
    public const string Project = "project";
    public const string Repair = "repair";
    public const string ManagerQuarter = "manager-quarter";
    public const string ExportLog = "export-log";
    public const string AccessLog = "access-log";
    public const string DisplayRegistry = "display-registry";
    public const string Retention = "retention";
}
