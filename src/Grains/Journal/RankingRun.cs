using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.RankingRun"/> event: a half month's ranking of every group with each
/// designer's score by item, when the ranks take effect (null: not applied, a newer period's ranking is in force), who
/// ran it (null: the store's sweep), and the quarterly grades it set (the quarter's last half month only).
/// </summary>
public sealed record RankingRun(
    string Period,
    DateTimeOffset? EffectiveAt,
    string? By,
    ImmutableArray<RankingGroupView> Groups,
    ImmutableArray<DesignerGradeView> Grades);
