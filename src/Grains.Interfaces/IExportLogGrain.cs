using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's export audit (who, when, what): records each export in the journal (<c>export-made</c>) before the file
/// is handed out; the audit list is read back through <see cref="IReportsGrain.GetExportAuditAsync"/>. Use key 0.
/// </summary>
public interface IExportLogGrain : IGrainWithIntegerKey
{
    /// <summary>Records one export; a retry with the same <paramref name="commandId"/> returns the first entry and records nothing more.</summary>
    Task<ExportAuditEntry> RecordAsync(ExportRecord record, string commandId);

    /// <summary>Makes sure every export this grain recorded is in the journal (appends what a dead activation left).</summary>
    Task CatchUpAsync();
}
