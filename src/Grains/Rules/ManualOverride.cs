namespace Orleans.Crm.Grains.Rules;

/// <summary>A manual dispatch that bypasses the ranking; it must carry a reason and shows as an override (DOMAIN §4).</summary>
public sealed record ManualOverride(string DesignerId, string Reason);
