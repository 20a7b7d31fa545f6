namespace Orleans.Crm.Silo.Storage;

/// <summary>A state row as stored: its version (0 = the row does not exist) and its JSON.</summary>
public sealed record StoredRow(long Version, string? Json)
{
    /// <summary>The row of a grain that has never been written.</summary>
    public static StoredRow Absent { get; } = new(0, null);
}
