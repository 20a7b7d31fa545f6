using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The rulebook's configurable numbers, bound from the <c>Rules</c> section (DOMAIN.md: where the seeds leave a
/// number open, the number is a configurable default). Omitted keys keep the rulebook's defaults.
/// </summary>
public sealed class RulesSettings : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rules";

    /// <summary>Holding caps by rank (index 0 = rank 1) in the normal season; default 2, 2, 1, 1, 1.</summary>
    public int[]? NormalCaps { get; set; }

    /// <summary>Holding caps by rank in the peak season (旺季); default 3, 3, 2, 2, 1.</summary>
    public int[]? PeakCaps { get; set; }

    /// <summary>The cap of ranks beyond the table; default 1.</summary>
    [Range(0, 100)]
    public int? BeyondCap { get; set; }

    /// <summary>Pool claims per manager per day; default 10.</summary>
    [Range(1, 10_000)]
    public int? ClaimsPerDay { get; set; }

    /// <summary>Open claimed-but-undispatched pool leads per manager; default 20.</summary>
    [Range(1, 10_000)]
    public int? OpenClaims { get; set; }

    /// <summary>Days without follow-up before a claimed lead returns to the pool; default 7.</summary>
    [Range(1, 365)]
    public int? ProtectionDays { get; set; }

    /// <summary>Days the previous claimant must wait to claim a returned lead; default 3.</summary>
    [Range(0, 365)]
    public int? CoolDownDays { get; set; }

    /// <summary>Hours after the three-day rule fell due until its follow-up tasks are due; default 24.</summary>
    [Range(1, 24 * 30)]
    public int? FollowUpTaskDueHours { get; set; }

    /// <summary>Hours a task may be overdue before it is escalated to the store supervisor; default 24.</summary>
    [Range(1, 24 * 30)]
    public int? TaskEscalationHours { get; set; }

    /// <summary>Days back a paper registration form may be entered with its real visit time (补录); default 7.</summary>
    [Range(1, 90)]
    public int? LateEntryDays { get; set; }

    /// <summary>When a signed lead frees its designer's slot: <c>contract</c> (default, 每签一单补一单) or <c>deposit</c>.</summary>
    public string? SlotFreedAt { get; set; }

    /// <summary>Days between the manager's callbacks of an in-construction customer; default 7 (every week).</summary>
    [Range(1, 31)]
    public int? WeeklyCallbackDays { get; set; }

    /// <summary>Customer service's callbacks after completion acceptance, in days; default 3, 10, 30.</summary>
    public int[]? AftercareCallbackDays { get; set; }

    /// <summary>The designer's site visits required by completion acceptance (fewer are flagged); default 3.</summary>
    [Range(0, 100)]
    public int? MinimumSiteVisits { get; set; }

    /// <summary>The rules options the grains use.</summary>
    public RulesOptions ToOptions()
    {
        var caps = HoldingCapTable.Default;
        var pool = PoolLimits.Default;
        return new RulesOptions
        {
            Caps = HoldingCapTable.Create(NormalCaps ?? caps.NormalByRank, PeakCaps ?? caps.PeakByRank, BeyondCap ?? caps.Beyond),
            Pool = new PoolLimits(
                ClaimsPerDay ?? pool.ClaimsPerDay,
                OpenClaims ?? pool.OpenClaims,
                ProtectionDays ?? pool.ProtectionDays,
                CoolDownDays ?? pool.CoolDownDays),
            FollowUpTaskDue = FollowUpTaskDueHours is { } due ? TimeSpan.FromHours(due) : new RulesOptions().FollowUpTaskDue,
            TaskEscalation = TaskEscalationHours is { } escalation ? TimeSpan.FromHours(escalation) : new RulesOptions().TaskEscalation,
            LateEntryWindow = LateEntryDays is { } days ? TimeSpan.FromDays(days) : LateEntry.DefaultWindow,
            SlotFreedAt = ParseSlotFreedAt(SlotFreedAt) ?? Grains.Rules.SlotFreedAt.Contract,
            WeeklyCallbackDays = WeeklyCallbackDays ?? new RulesOptions().WeeklyCallbackDays,
            AftercareCallbackDays = AftercareCallbackDays ?? Grains.Rules.CallbackRules.DefaultAftercareDays,
            MinimumSiteVisits = MinimumSiteVisits ?? new RulesOptions().MinimumSiteVisits,
        };
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, caps) in new[] { (nameof(NormalCaps), NormalCaps), (nameof(PeakCaps), PeakCaps) })
        {
            if (caps is not null && (caps.Length == 0 || caps.Any(c => c is < 0 or > 100)))
            {
                yield return new ValidationResult($"Rules:{name} must list caps between 0 and 100, rank 1 first.", [name]);
            }
        }

        if (AftercareCallbackDays is not null && (AftercareCallbackDays.Length == 0 || AftercareCallbackDays.Any(d => d is < 1 or > 365) || AftercareCallbackDays.Distinct().Count() != AftercareCallbackDays.Length))
        {
            yield return new ValidationResult("Rules:AftercareCallbackDays must list distinct days between 1 and 365 (e.g. 3, 10, 30).", [nameof(AftercareCallbackDays)]);
        }

        if (!string.IsNullOrWhiteSpace(SlotFreedAt) && ParseSlotFreedAt(SlotFreedAt) is null)
        {
            yield return new ValidationResult($"Rules:SlotFreedAt '{SlotFreedAt}' is not allowed: use one of contract, deposit.", [nameof(SlotFreedAt)]);
        }
    }

    private static Grains.Rules.SlotFreedAt? ParseSlotFreedAt(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "contract" => Grains.Rules.SlotFreedAt.Contract,
        "deposit" => Grains.Rules.SlotFreedAt.Deposit,
        _ => null,
    };
}
