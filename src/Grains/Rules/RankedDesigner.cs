namespace Orleans.Crm.Grains.Rules;

/// <summary>A designer as the ranking sees them: their score, contracts and output (the tie-breakers) and current rank.</summary>
public sealed record RankedDesigner(string DesignerId, decimal Score, int Contracts, decimal Output, int CurrentRank);
