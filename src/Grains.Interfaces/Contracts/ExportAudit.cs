namespace Orleans.Crm.Grains.Contracts;

/// <summary>An export about to be handed out, for the audit: which export, by whom, of which store, with which parameters.</summary>
/// <param name="Export">The export's name (<c>register</c>, …).</param>
/// <param name="Parameters">The query as asked (e.g. <c>storeId=sh-xuhui&amp;from=2026-11-01&amp;to=2026-11-30</c>).</param>
/// <param name="Rows">How many data rows the file holds.</param>
[GenerateSerializer, Alias("crm.ExportRecord")]
/// <param name="Address">The client address the request came from (added by issue 14; null in entries before it).</param>
public sealed record ExportRecord(string Export, string UserId, string Role, string? StoreId, string Parameters, int Rows, string FileName, string? Address = null);

/// <summary>One audited export: who downloaded what, when.</summary>
[GenerateSerializer, Alias("crm.ExportAuditEntry")]
public sealed record ExportAuditEntry(
    string ExportId,
    string Export,
    string UserId,
    string Role,
    string? StoreId,
    string Parameters,
    int Rows,
    string FileName,
    DateTimeOffset At,
    string? Address = null);
