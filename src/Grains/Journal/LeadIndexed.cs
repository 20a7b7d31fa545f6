namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.LeadIndexed"/> event: a lead as the search finds it (issue 15). The journal
/// derives its search rows from <see cref="Tokens"/> (keyed blind indexes, <see cref="Search.BlindIndex"/>) and
/// <see cref="RunningNumber"/>; the name and phone the answer shows travel only in <see cref="Display"/>, sealed by
/// <see cref="SearchDisplay.Seal"/>, and are never copied into the search rows.
/// </summary>
/// <param name="RegisteredAt">When the visitor came (a claimed pool lead: when it was posted).</param>
/// <param name="Display">The sealed display payload (<see cref="SearchDisplay"/>).</param>
public sealed record LeadIndexed(
    string LeadId,
    string CustomerId,
    int? RunningNumber,
    DateTimeOffset RegisteredAt,
    ImmutableArray<string> Tokens,
    string Display);
