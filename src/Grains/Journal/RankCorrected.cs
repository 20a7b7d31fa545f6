namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.RankCorrected"/> event: a supervisor's manual correction of a computed rank,
/// with its reason (DOMAIN §8: shown as such). <see cref="Period"/> is the ranking it corrects.
/// </summary>
public sealed record RankCorrected(string DesignerId, string? Period, int FromRank, int ToRank, string Reason, string? By);
