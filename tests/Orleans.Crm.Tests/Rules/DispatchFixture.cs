using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>A store shaped like seed 000: groups of one senior, two style and one finish designer.</summary>
internal static class DispatchFixture
{
    public static DesignerSnapshot Designer(
        string id,
        int rank,
        DesignerLevel level = DesignerLevel.Style,
        bool present = true,
        int holding = 0,
        int cap = 1) =>
        new(id, "Name of " + id, level, rank, present, holding, cap);

    /// <summary>Group of <paramref name="managerId"/> with designers "{prefix}1".."{prefix}4", rank = number, all free.</summary>
    public static DesignGroup Group(string managerId, string prefix, Func<DesignerSnapshot, DesignerSnapshot>? adjust = null)
    {
        DesignerSnapshot[] designers =
        [
            Designer(prefix + "1", 1, DesignerLevel.Senior, cap: 2),
            Designer(prefix + "2", 2, DesignerLevel.Style, cap: 2),
            Designer(prefix + "3", 3, DesignerLevel.Style),
            Designer(prefix + "4", 4, DesignerLevel.Finish),
        ];
        return new DesignGroup(managerId, [.. designers.Select(adjust ?? (d => d))]);
    }

    public static DesignGroup AllFull(string managerId, string prefix) => Group(managerId, prefix, d => d with { Holding = d.Cap });

    public static DispatchLead Lead(string id = "L1", string? previousDesignerId = null, bool needsSenior = false) =>
        new(id, "cust-" + id, previousDesignerId, needsSenior);

    public static DispatchRequest Request(
        DispatchLead lead,
        string managerId,
        IReadOnlyList<DesignGroup> groups,
        ManualOverride? manual = null,
        params string[] refused) =>
        new(lead, managerId, groups, manual, refused.Length == 0 ? null : new HashSet<string>(refused));

    public static CandidateOutcome[] Outcomes(DispatchDecision decision) => [.. decision.Explanation.Select(c => c.Outcome)];

    public static string[] Ids(DispatchDecision decision) => [.. decision.Explanation.Select(c => c.DesignerId)];
}
