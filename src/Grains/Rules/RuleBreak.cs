namespace Orleans.Crm.Grains.Rules;

/// <summary>One dispatch rule an override broke: its code (<see cref="Model.DispatchRuleCodes"/>) and what happened.</summary>
public sealed record RuleBreak(string Rule, string Description);
