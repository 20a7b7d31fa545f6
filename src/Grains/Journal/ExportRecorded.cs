namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.ExportMade"/> event: who downloaded which export, of what, and how many rows it held.</summary>
public sealed record ExportRecorded(
    string ExportId,
    string Export,
    string UserId,
    string Role,
    string? StoreId,
    string Parameters,
    int Rows,
    string FileName,
    string? Address = null);
