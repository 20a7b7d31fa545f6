using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Rules;

/// <summary>The score of a quarter: the five terms, the adjustments, the total and whether it is excellent.</summary>
public sealed record ManagerScoreResult(ImmutableArray<ManagerScoreTerm> Terms, ImmutableArray<ManagerScoreAdjustment> Adjustments, decimal Total, bool Excellent)
{
    /// <summary>The term with this id.</summary>
    public ManagerScoreTerm Term(string term) => Terms.Single(t => t.Term == term);

    /// <summary>The adjustment with this id.</summary>
    public ManagerScoreAdjustment Adjustment(string adjustment) => Adjustments.Single(a => a.Adjustment == adjustment);
}
