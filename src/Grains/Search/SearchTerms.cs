namespace Orleans.Crm.Grains.Search;

/// <summary>A search's text as read by <see cref="SearchText.Parse"/>.</summary>
/// <param name="Text">The digits (phone) or the name key (name); empty for a running number.</param>
/// <param name="RunningNumber">The running number asked for (also for plain digits, which may be one).</param>
public sealed record SearchTerms(SearchBy By, string Text, int? RunningNumber);
