namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The account manager's quarterly score (DOMAIN §8, seed 000 客户经理评定), <c>Rules:ManagerScore:*</c>. Defaults are the
/// seed's: 35 consultation success (target 40 %, −1 per point) + 15 department satisfaction (survey average × 15 %) + 30
/// main-material sales (target 50 %, −1 per point, 0 below 20 %) + 10 phone invitations (target 15 %, −2 per point) + 10
/// in-construction callbacks (target 100 %, −2 per point); +10 at ≥ 60 % consultation success, +3 at an internal
/// satisfaction ≥ 95, −5 per quarrel; ≥ 85 is excellent; the half year's last-ranked manager is flagged unless above 70.
/// </summary>
public sealed record ManagerScoreOptions
{
    public static ManagerScoreOptions Default { get; } = new();

    /// <summary>Consultation success (咨询客户成功率): signed ÷ consulted.</summary>
    public ScoreTerm Consultation { get; init; } = new(35, 40, 1);

    /// <summary>Department satisfaction (部门满意度): the survey average (0–100) × this fraction (default 0.15 → 15 points).</summary>
    public decimal SatisfactionFactor { get; init; } = 0.15m;

    /// <summary>The supervisor's weight in the survey average (default 0.4; the designers' average weighs the rest).</summary>
    public decimal SupervisorWeight { get; init; } = 0.4m;

    /// <summary>Main-material sales (主材销售率): main-material output ÷ project output of the signed consultations.</summary>
    public ScoreTerm MainMaterial { get; init; } = new(30, 50, 1, ZeroBelow: 20);

    /// <summary>Phone invitation success (电话邀约成功率): invited customers who came ÷ invited.</summary>
    public ScoreTerm PhoneInvitation { get; init; } = new(10, 15, 2);

    /// <summary>In-construction callbacks (在施工程回访率): weekly callbacks done on time ÷ due.</summary>
    public ScoreTerm Callbacks { get; init; } = new(10, 100, 2);

    /// <summary>Consultation success (%) at or above which the consultation bonus applies (default 60).</summary>
    public decimal ConsultationBonusAt { get; init; } = 60;

    public decimal ConsultationBonus { get; init; } = 10;

    /// <summary>Internal satisfaction (survey average) at or above which the satisfaction bonus applies (default 95).</summary>
    public decimal SatisfactionBonusAt { get; init; } = 95;

    public decimal SatisfactionBonus { get; init; } = 3;

    /// <summary>Points deducted per recorded quarrel (default 5).</summary>
    public decimal QuarrelPenalty { get; init; } = 5;

    /// <summary>A total at or above this is "excellent" (优秀级, default 85).</summary>
    public decimal ExcellentAt { get; init; } = 85;

    /// <summary>The half year's last-ranked manager is flagged unless their half-year score is above this (default 70, not included).</summary>
    public decimal HalfYearKeepAbove { get; init; } = 70;
}
