using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Rules;

/// <summary>A designer's half-month score: the total and every term (each rounded to 2 decimals; the total is their sum).</summary>
public sealed record DesignerScore(decimal Total, ImmutableArray<ScoreItem> Items);
