namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.FeedbackReceived"/> event: the whole form, since the store keeps no list of
/// feedback in its state (it would only grow) and the store's feedback list is read from the journal.
/// </summary>
public sealed record FeedbackReceived(string FeedbackId, string? Name, string? Phone, ImmutableArray<string> VisitedAreas, string? Comments);
