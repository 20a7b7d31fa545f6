using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// One staff user's audit of reads of customers' full details (DOMAIN §9), keyed by the user id: a grain per reader
/// keeps the writes of busy consoles apart. Each read is recorded in the journal (<c>customer-read</c>) before the
/// gateway answers it; the audit is read back through <see cref="IReportsGrain.GetAuditAsync"/> together with the
/// exports' audit (<see cref="IExportLogGrain"/>).
/// </summary>
public interface IAccessLogGrain : IGrainWithStringKey
{
    /// <summary>Records one read; a retry with the same <paramref name="commandId"/> records nothing more.</summary>
    Task RecordReadAsync(CustomerReadRecord record, string commandId);

    /// <summary>Makes sure every read this grain recorded is in the journal (appends what a dead activation left).</summary>
    Task CatchUpAsync();
}
