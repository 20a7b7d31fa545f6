using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A store's designer ranking of one half month (<c>GET /api/stores/{storeId}/rankings?period=</c>): per group, each
/// designer's score by item and rank. Before the period's ranking has run it is a preview computed from the facts so
/// far (<see cref="Run"/> false, ranks as they would be).
/// </summary>
/// <param name="EffectiveAt">When the run's ranks take (or took) effect; null for a preview or a run of a period older than the ranking in force.</param>
/// <param name="RunBy">Who ran it by hand; null when the store's sweep ran it.</param>
/// <param name="Grades">The quarterly grades the run set (the quarter's last half month only).</param>
[GenerateSerializer, Alias("crm.RankingReport")]
public sealed record RankingReport(
    string StoreId,
    string Period,
    DateOnly From,
    DateOnly To,
    bool Run,
    DateTimeOffset? RunAt,
    string? RunBy,
    DateTimeOffset? EffectiveAt,
    ImmutableArray<RankingGroupView> Groups,
    ImmutableArray<DesignerGradeView> Grades);

/// <summary>One group's designers, best first.</summary>
[GenerateSerializer, Alias("crm.RankingGroupView")]
public sealed record RankingGroupView(string ManagerId, string ManagerName, ImmutableArray<DesignerScoreView> Designers);

/// <summary>A designer's half-month score by item and the rank it gave (with a manual correction, if a supervisor made one).</summary>
/// <param name="PreviousRank">The rank the designer held when the ranking was computed.</param>
[GenerateSerializer, Alias("crm.DesignerScoreView")]
public sealed record DesignerScoreView(
    string DesignerId,
    string Name,
    int Rank,
    int PreviousRank,
    decimal Score,
    int Contracts,
    decimal Output,
    DesignerGrade Grade,
    ImmutableArray<ScoreItem> Items,
    RankCorrectionView? Correction = null);

/// <summary>A manual correction of a computed rank (shown as such).</summary>
[GenerateSerializer, Alias("crm.RankCorrectionView")]
public sealed record RankCorrectionView(int FromRank, int ToRank, string Reason, string? By, DateTimeOffset At);

/// <summary>A designer's quarterly grade (季度级别评定) from the average of the quarter's half-month scores.</summary>
[GenerateSerializer, Alias("crm.DesignerGradeView")]
public sealed record DesignerGradeView(string DesignerId, string Quarter, decimal Average, int Scores, DesignerGrade Grade, DesignerGrade PreviousGrade);

/// <summary>What a ranking run did: the period, when it ran, when its ranks take effect (null: not applied).</summary>
[GenerateSerializer, Alias("crm.RankingRunResult")]
public sealed record RankingRunResult(string StoreId, string Period, DateTimeOffset RunAt, DateTimeOffset? EffectiveAt);
