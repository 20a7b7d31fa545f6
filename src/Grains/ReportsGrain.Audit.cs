using System.Collections.Immutable;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;

namespace Orleans.Crm.Grains;

/// <summary>The audit of customer data (issue 14): reads of full details and exports, one list from the journal.</summary>
public sealed partial class ReportsGrain
{
    /// <summary>The kind an export has in the audit list.</summary>
    public const string ExportAuditKind = "export";

    /// <inheritdoc />
    public async Task<ImmutableArray<AuditEntry>> GetAuditAsync(string? customerId, string? userId, DateTimeOffset? from, DateTimeOffset? to)
    {
        // Reads are found by their subject (the customer) through the journal's index; the user is a field of the data.
        var reads = await ReadAllAsync(new JournalQuery([JournalKinds.CustomerRead], Subject: customerId, From: from, To: to));
        var entries = reads
            .Select(e => (e.At, e.Stream, e.Sequence, Read: Data<CustomerRead>(e)))
            .Where(x => userId is null || x.Read.UserId == userId)
            .Select(x => (x.At, x.Stream, x.Sequence, Entry: new AuditEntry(
                JournalKinds.CustomerRead, x.At, x.Read.UserId, x.Read.Role, x.Read.StoreId, x.Read.CustomerId, x.Read.What, x.Read.Subject, x.Read.Address, null)))
            .ToList();

        // An export names no single customer: listed unless the question is about one customer.
        if (customerId is null)
        {
            var exports = await ReadAllAsync(new JournalQuery([JournalKinds.ExportMade], From: from, To: to));
            entries.AddRange(exports
                .Select(e => (e.At, e.Stream, e.Sequence, Export: Data<ExportRecorded>(e)))
                .Where(x => userId is null || x.Export.UserId == userId)
                .Select(x => (x.At, x.Stream, x.Sequence, Entry: new AuditEntry(
                    ExportAuditKind, x.At, x.Export.UserId, x.Export.Role, x.Export.StoreId, null, x.Export.Export, x.Export.ExportId, x.Export.Address, x.Export.Parameters))));
        }

        return [.. entries
            .OrderByDescending(x => x.At)
            .ThenByDescending(x => x.Stream, StringComparer.Ordinal)
            .ThenByDescending(x => x.Sequence)
            .Select(x => x.Entry)];
    }
}
