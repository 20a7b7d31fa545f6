namespace Orleans.Crm.Grains.Rules;

/// <summary>The warranty (DOMAIN §7: free within it, paid after it), from the project's completion acceptance.</summary>
/// <param name="Years">Every category but waterproofing (<c>Rules:Warranty:Years</c>, default 2).</param>
/// <param name="WaterproofingYears">Waterproofing (<c>Rules:Warranty:WaterproofingYears</c>, default 5).</param>
public sealed record WarrantyOptions(int Years, int WaterproofingYears)
{
    public static WarrantyOptions Default { get; } = new(2, 5);
}

/// <summary>
/// Callbacks after a repair (seed 003 维修后回访: within 3, 10 and 30 days) and what a problem heard on one starts: a
/// ticket for the responsible department due within 1 h and a re-check call due within 24 h.
/// </summary>
/// <param name="Days">Days after the customer's acceptance each callback is due (<c>Rules:Callbacks:Days</c>).</param>
/// <param name="TicketDue">From the callback to the department's ticket deadline (<c>Rules:Callbacks:TicketMinutes</c>).</param>
/// <param name="RecheckDue">From the callback to the re-check call's deadline (<c>Rules:Callbacks:RecheckHours</c>).</param>
public sealed record CallbackOptions(ImmutableArray<int> Days, TimeSpan TicketDue, TimeSpan RecheckDue)
{
    public static CallbackOptions Default { get; } = new([3, 10, 30], TimeSpan.FromHours(1), TimeSpan.FromHours(24));
}
