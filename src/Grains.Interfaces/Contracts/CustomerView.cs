namespace Orleans.Crm.Grains.Contracts;

/// <summary>A customer: their open leads across the chain, their owner once someone signed, their previous designer.</summary>
[GenerateSerializer, Alias("crm.CustomerView")]
public sealed record CustomerView(string CustomerId, string Name, string Phone, ImmutableArray<string> OpenLeadIds, string? PreviousDesignerId, CustomerOwner? Owner);
