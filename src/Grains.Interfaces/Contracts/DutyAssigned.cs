namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A date's on-duty manager after an assignment, and the walk-ins of that date that waited unassigned and were handed
/// to them (DOMAIN §3: a rest day without an assignment leaves walk-ins waiting until a manager is assigned).
/// </summary>
[GenerateSerializer, Alias("crm.DutyAssigned")]
public sealed record DutyAssigned(DutyAnswer Duty, ImmutableArray<string> HandedOver);
