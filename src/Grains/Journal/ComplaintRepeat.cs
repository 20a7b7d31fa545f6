namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.ComplaintRepeat"/> event: a new complaint about the same matter as
/// <paramref name="PreviousComplaintId"/>, with the steps that complaint missed and who missed them (empty when it
/// missed none but closed within the repeat window: recorded, but against nobody).
/// </summary>
public sealed record ComplaintRepeat(string ComplaintId, string PreviousComplaintId, string CustomerId, ImmutableArray<ComplaintMiss> Missed);

/// <summary>A missed step of the earlier complaint and who answers for it (a department or <c>customer-service</c>, and the person).</summary>
public sealed record ComplaintMiss(string Step, string Responsible, string? ResponsiblePerson);
