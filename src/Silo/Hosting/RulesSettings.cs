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

    /// <summary>The designer's site visits required by completion acceptance (fewer are flagged); default 3.</summary>
    [Range(0, 100)]
    public int? MinimumSiteVisits { get; set; }

    /// <summary>The after-sales warranty (<c>Rules:Warranty:Years</c> default 2, <c>Rules:Warranty:WaterproofingYears</c> default 5).</summary>
    public WarrantySettings Warranty { get; set; } = new();

    /// <summary>Callbacks after completion acceptance and after a repair (<c>Rules:Callbacks:Days</c> default 3, 10, 30; <c>TicketMinutes</c> 60; <c>RecheckHours</c> 24).</summary>
    public CallbackSettings Callbacks { get; set; } = new();

    /// <summary>The account manager's quarterly score (<c>Rules:ManagerScore:*</c>, DOMAIN §8; defaults from seed 000).</summary>
    public ManagerScoreSettings ManagerScore { get; set; } = new();

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
            MinimumSiteVisits = MinimumSiteVisits ?? new RulesOptions().MinimumSiteVisits,
            Warranty = new WarrantyOptions(Warranty.Years ?? WarrantyOptions.Default.Years, Warranty.WaterproofingYears ?? WarrantyOptions.Default.WaterproofingYears),
            Callbacks = new CallbackOptions(
                Callbacks.Days is { } callbackDays ? [.. callbackDays] : CallbackOptions.Default.Days,
                Callbacks.TicketMinutes is { } ticket ? TimeSpan.FromMinutes(ticket) : CallbackOptions.Default.TicketDue,
                Callbacks.RecheckHours is { } recheck ? TimeSpan.FromHours(recheck) : CallbackOptions.Default.RecheckDue),
            ManagerScore = ManagerScore.ToOptions(),
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

        foreach (var (name, years) in new[] { ("Warranty:Years", Warranty.Years), ("Warranty:WaterproofingYears", Warranty.WaterproofingYears) })
        {
            if (years is < 1 or > 30)
            {
                yield return new ValidationResult($"Rules:{name} must be between 1 and 30 years.", [name]);
            }
        }

        if (Callbacks.Days is { } days && (days.Length is 0 or > 10 || days.Any(d => d is < 1 or > 365) || days.Zip(days.Skip(1)).Any(p => p.Second <= p.First)))
        {
            yield return new ValidationResult("Rules:Callbacks:Days must list 1-10 increasing day counts between 1 and 365 (default 3, 10, 30).", ["Callbacks:Days"]);
        }

        if (Callbacks.TicketMinutes is < 1 or > 24 * 60)
        {
            yield return new ValidationResult("Rules:Callbacks:TicketMinutes must be between 1 and 1440 (default 60).", ["Callbacks:TicketMinutes"]);
        }

        if (Callbacks.RecheckHours is < 1 or > 24 * 30)
        {
            yield return new ValidationResult("Rules:Callbacks:RecheckHours must be between 1 and 720 (default 24).", ["Callbacks:RecheckHours"]);
        }

        foreach (var result in ManagerScore.Validate())
        {
            yield return result;
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
