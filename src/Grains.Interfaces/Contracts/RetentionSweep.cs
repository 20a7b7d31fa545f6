namespace Orleans.Crm.Grains.Contracts;

/// <summary>What a retention sweep did: leads anonymised now, and that every lead closed before <see cref="DoneThrough"/> is.</summary>
[GenerateSerializer, Alias("crm.RetentionSweep")]
public sealed record RetentionSweep(int Anonymised, DateTimeOffset DoneThrough);
