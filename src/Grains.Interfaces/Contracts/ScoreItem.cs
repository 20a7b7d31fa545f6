namespace Orleans.Crm.Grains.Contracts;

/// <summary>One term of a designer's score: which item, what went in (in words and numbers), and its points.</summary>
/// <param name="Item">The item's code (<c>measurement</c>, <c>deposit</c>, …; the console labels it in both languages).</param>
/// <param name="Input">The inputs, e.g. <c>3 of 4 dispatched (75 %)</c>.</param>
[GenerateSerializer, Alias("crm.ScoreItem")]
public sealed record ScoreItem(string Item, string Input, decimal Points);
