namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// An account manager's quarterly score (DOMAIN §8, seed 000 客户经理评定): every term with the inputs it was computed
/// from, the bonuses and deductions, the total and whether it is "excellent" (优秀级); for a quarter that ends a half year
/// (Q2, Q4) also the half-year standing in the store (末位淘汰).
/// </summary>
/// <param name="Quarter">The store-local quarter, <c>2026Q4</c>.</param>
/// <param name="Terms">The five terms in the seed's order: consultation, satisfaction, main-material, phone-invitation, callbacks.</param>
/// <param name="Adjustments">Bonuses and deductions (consultation bonus, satisfaction bonus, quarrels), each with its points (0 when it does not apply).</param>
/// <param name="Total">Sum of the terms and adjustments.</param>
/// <param name="Excellent">Total at or above the excellence threshold.</param>
/// <param name="ExcellentAt">The threshold (default 85).</param>
/// <param name="HalfYear">The half-year standing, for Q2 and Q4 only.</param>
[GenerateSerializer, Alias("crm.ManagerScoreCard")]
public sealed record ManagerScoreCard(
    string ManagerId,
    string StoreId,
    string Quarter,
    ImmutableArray<ManagerScoreTerm> Terms,
    ImmutableArray<ManagerScoreAdjustment> Adjustments,
    decimal Total,
    bool Excellent,
    decimal ExcellentAt,
    ManagerFactsView? EnteredFacts,
    ManagerSurveySummary Survey,
    HalfYearStanding? HalfYear = null);

/// <summary>
/// One term: its id, the rate (%) it scores (null when nothing was there to measure), the target, the deduction per
/// percentage point below it, the floor under which it scores 0 (main-material: 20 %), the points earned of the maximum,
/// the numerator and denominator the rate came from, and a note on how it was computed.
/// </summary>
[GenerateSerializer, Alias("crm.ManagerScoreTerm")]
public sealed record ManagerScoreTerm(
    string Term,
    decimal? Rate,
    decimal? Target,
    decimal? PerPointBelow,
    decimal? ZeroBelow,
    decimal Points,
    decimal MaxPoints,
    decimal? Numerator,
    decimal? Denominator,
    string Basis);

/// <summary>A bonus (+) or deduction (−): whether it applies, its points, and why.</summary>
[GenerateSerializer, Alias("crm.ManagerScoreAdjustment")]
public sealed record ManagerScoreAdjustment(string Adjustment, bool Applies, decimal Points, string Basis);

/// <summary>
/// The internal satisfaction survey of the quarter: the supervisor's form (null if none), the designers' forms and their
/// average, and the survey average (supervisor 40 % + designers' average 60 %; one side alone when the other is missing).
/// </summary>
[GenerateSerializer, Alias("crm.ManagerSurveySummary")]
public sealed record ManagerSurveySummary(
    decimal? Supervisor,
    ImmutableArray<SurveyResponseView> Designers,
    decimal? DesignersAverage,
    decimal? Average);

/// <summary>One respondent's form: who, their role, the total (0–100) and when it was last answered.</summary>
[GenerateSerializer, Alias("crm.SurveyResponseView")]
public sealed record SurveyResponseView(string RespondentId, string Role, int Total, DateTimeOffset At);

/// <summary>
/// The half-year standing among the store's managers (每半年排名最后一位者, 得分高于70分者可仍在公司任职): the half-year score
/// (average of its two quarters' totals), the rank (1 = best; ties share a rank), how many were ranked, and whether
/// the manager is last-ranked and not above the keep threshold: flagged.
/// </summary>
[GenerateSerializer, Alias("crm.HalfYearStanding")]
public sealed record HalfYearStanding(string HalfYear, decimal Score, int Rank, int Of, bool LastRanked, decimal KeepAbove, bool Flagged, ImmutableArray<HalfYearQuarter> Quarters);

/// <summary>One quarter's total inside a half-year standing.</summary>
[GenerateSerializer, Alias("crm.HalfYearQuarter")]
public sealed record HalfYearQuarter(string Quarter, decimal Total);
