namespace Orleans.Crm.Grains.Rules;

/// <summary>Whether a manager may claim a pool lead now, and if not, why.</summary>
/// <param name="ClaimedBy">With <see cref="ClaimRefusal.AlreadyClaimed"/>: who has it (may be the asker).</param>
/// <param name="ClaimedAt">With <see cref="ClaimRefusal.AlreadyClaimed"/>: since when.</param>
/// <param name="CoolingDownUntil">With <see cref="ClaimRefusal.CoolingDown"/>: when the asker may claim again.</param>
public sealed record ClaimCheck(
    ClaimRefusal Refusal,
    string Message,
    string? ClaimedBy = null,
    DateTimeOffset? ClaimedAt = null,
    DateTimeOffset? CoolingDownUntil = null)
{
    public bool Allowed => Refusal == ClaimRefusal.None;
}
