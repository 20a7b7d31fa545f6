namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.ComplaintReceived"/> event (no phone: the customer id identifies the caller).</summary>
public sealed record ComplaintReceived(string ComplaintId, string CustomerId, string? ProjectId, string Channel, bool Emergency, string FiledBy, string? RepeatOf);
