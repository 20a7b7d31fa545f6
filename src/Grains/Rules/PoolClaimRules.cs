using System.Globalization;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Claiming from the chain's lead pool (DOMAIN §4b). The check is pure; the pool lead's owner (one
/// grain) runs it and records the claim in the same turn, which is what makes exactly one claimant win.
/// </summary>
/// <remarks>
/// Protection and cool-down are measured in whole 24-hour periods from the instant that starts them,
/// not in store calendar days: the pool is chain-wide and has no single store's calendar. The daily
/// claim count is the caller's, per the claimant's store-local date.
/// </remarks>
public static class PoolClaimRules
{
    /// <summary>
    /// Checks, in order: already claimed (tells who won), cool-down, daily limit, open-claim limit.
    /// "Already claimed" comes first so a losing claimant always learns who has the lead.
    /// </summary>
    /// <param name="claimsToday">Claims the manager has made today (store-local date).</param>
    /// <param name="openClaims">Leads the manager has claimed and not yet dispatched.</param>
    /// <param name="coolDowns">Cool-down entries of this lead; entries for other managers are ignored.</param>
    public static ClaimCheck Evaluate(
        PoolLeadState lead,
        string managerId,
        int claimsToday,
        int openClaims,
        IEnumerable<PoolCoolDown>? coolDowns,
        DateTimeOffset now,
        PoolLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentException.ThrowIfNullOrWhiteSpace(managerId);
        limits ??= PoolLimits.Default;

        if (lead.ClaimedBy is { } owner)
        {
            var since = lead.ClaimedAt is { } at ? " since " + at.ToString("u", CultureInfo.InvariantCulture) : string.Empty;
            var message = owner == managerId
                ? $"You already hold lead {lead.LeadId}{since}."
                : $"Lead {lead.LeadId} is already claimed by {owner}{since}.";
            return new ClaimCheck(ClaimRefusal.AlreadyClaimed, message, owner, lead.ClaimedAt);
        }

        DateTimeOffset? coolingUntil = null;
        foreach (var entry in coolDowns ?? [])
        {
            if (entry.ManagerId == managerId && now < entry.Until && (coolingUntil is null || entry.Until > coolingUntil))
            {
                coolingUntil = entry.Until;
            }
        }

        if (coolingUntil is { } until)
        {
            return new ClaimCheck(ClaimRefusal.CoolingDown,
                $"Lead {lead.LeadId} returned to the pool from you; you may claim it again from {until.ToString("u", CultureInfo.InvariantCulture)}.",
                CoolingDownUntil: until);
        }

        if (claimsToday >= limits.ClaimsPerDay)
        {
            return new ClaimCheck(ClaimRefusal.DailyLimitReached,
                $"Daily claim limit reached ({claimsToday} of {limits.ClaimsPerDay}).");
        }

        if (openClaims >= limits.OpenClaims)
        {
            return new ClaimCheck(ClaimRefusal.OpenLimitReached,
                $"Too many claimed leads not yet dispatched ({openClaims} of {limits.OpenClaims}); dispatch some first.");
        }

        return new ClaimCheck(ClaimRefusal.None, $"Lead {lead.LeadId} may be claimed.");
    }

    /// <summary>
    /// When a claimed lead returns to the pool: <c>ProtectionDays</c> after the later of the claim and the
    /// last recorded follow-up (each follow-up restarts the protection). Null when the lead has a deposit
    /// or contract: it never returns.
    /// </summary>
    public static DateTimeOffset? ProtectionExpiry(
        DateTimeOffset claimedAt,
        DateTimeOffset? lastFollowUpAt,
        bool hasDepositOrContract = false,
        PoolLimits? limits = null)
    {
        if (hasDepositOrContract)
        {
            return null;
        }

        limits ??= PoolLimits.Default;
        var start = lastFollowUpAt is { } followUp && followUp > claimedAt ? followUp : claimedAt;
        return start.AddDays(limits.ProtectionDays);
    }

    /// <summary>True once the protection has run out at <paramref name="now"/> (the expiry instant itself counts).</summary>
    public static bool ShouldReturnToPool(
        DateTimeOffset claimedAt,
        DateTimeOffset? lastFollowUpAt,
        bool hasDepositOrContract,
        DateTimeOffset now,
        PoolLimits? limits = null) =>
        ProtectionExpiry(claimedAt, lastFollowUpAt, hasDepositOrContract, limits) is { } expiry && now >= expiry;

    /// <summary>The cool-down entry for the manager a lead just returned from.</summary>
    public static PoolCoolDown CoolDownFor(string previousManagerId, DateTimeOffset returnedAt, PoolLimits? limits = null) =>
        new(previousManagerId, returnedAt.AddDays((limits ?? PoolLimits.Default).CoolDownDays));
}
