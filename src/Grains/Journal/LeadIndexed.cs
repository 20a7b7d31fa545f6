namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.LeadIndexed"/> event: a lead as the search finds it (issue 15). The journal
/// derives its search rows from <see cref="Tokens"/> (keyed blind indexes, <see cref="Search.BlindIndex"/>) and
/// <see cref="RunningNumber"/>; the name and phone the answer shows are read from the event itself (sealed at rest with
/// the rest of it, <c>JournalSealing</c>) and are never copied into the search rows. Retention redacts them and empties
/// <see cref="Tokens"/>, which drops the lead from the search rows.
/// </summary>
/// <param name="RegisteredAt">When the visitor came (a claimed pool lead: when it was posted).</param>
public sealed record LeadIndexed(
    string LeadId,
    string CustomerId,
    int? RunningNumber,
    DateTimeOffset RegisteredAt,
    ImmutableArray<string> Tokens,
    string Name,
    string Phone);
