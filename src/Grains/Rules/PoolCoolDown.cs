namespace Orleans.Crm.Grains.Rules;

/// <summary>A previous claimant of a lead that returned to the pool may not claim it again before <paramref name="Until"/>.</summary>
public sealed record PoolCoolDown(string ManagerId, DateTimeOffset Until);
