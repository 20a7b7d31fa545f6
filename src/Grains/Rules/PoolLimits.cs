namespace Orleans.Crm.Grains.Rules;

/// <summary>Configurable limits of the chain's lead pool (公海; DOMAIN §4b).</summary>
/// <param name="ClaimsPerDay">Claims one manager may make per store-local day.</param>
/// <param name="OpenClaims">Claimed-but-undispatched leads one manager may hold at once.</param>
/// <param name="ProtectionDays">Days without a recorded follow-up after which a claimed lead returns to the pool.</param>
/// <param name="CoolDownDays">Days the previous claimant must wait before claiming a returned lead again.</param>
public sealed record PoolLimits(int ClaimsPerDay = 10, int OpenClaims = 20, int ProtectionDays = 7, int CoolDownDays = 3)
{
    public static PoolLimits Default { get; } = new();
}
