namespace Orleans.Crm.Grains.Rules;

/// <summary>Why a given manager (or nobody) is on duty on a date.</summary>
/// <param name="Turn">Open-day turn number relative to the anchor; null on rest days.</param>
/// <param name="NominalManagerId">Whose turn it is by rotation alone, before leave and overrides.</param>
/// <param name="OnDutyManagerId">Who actually serves; null when nobody does.</param>
/// <param name="SkippedOnLeave">Managers passed over because of leave, in rotation order.</param>
public sealed record DutyExplanation(
    DateOnly Date,
    bool IsRestDay,
    long? Turn,
    string? NominalManagerId,
    string? OnDutyManagerId,
    bool IsOverride,
    IReadOnlyList<string> SkippedOnLeave,
    string Reason);
