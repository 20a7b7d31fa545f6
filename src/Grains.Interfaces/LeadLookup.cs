using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains;

/// <summary>
/// Finds a lead wherever it is decided now: its store (open or closed today), the archive (closed earlier), or the
/// pool (unclaimed). A claimed pool lead whose hand-off has not reached the store yet is handed over first, so a
/// manager who just won a claim can dispatch it at once from any gateway.
/// </summary>
public static class LeadLookup
{
    /// <summary>The lead, or null when no grain knows it.</summary>
    public static async Task<LeadView?> FindAsync(this IGrainFactory grains, string leadId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (LeadIds.StoreOf(leadId) is { } storeId)
        {
            return await grains.GetGrain<IStoreGrain>(storeId).GetLeadAsync(leadId)
                ?? await grains.GetGrain<ILeadGrain>(leadId).GetAsync();
        }

        if (!LeadIds.IsPool(leadId))
        {
            return null;
        }

        var location = await grains.GetGrain<ILeadPoolGrain>(ILeadPoolGrain.ChainKey).FindLeadAsync(leadId);
        if (location?.HolderStoreId is not { } holder)
        {
            return location?.Lead;
        }

        // The hand-off may still be on its way: deliver it now (idempotent), so the claimant can work the lead at once.
        var store = grains.GetGrain<IStoreGrain>(holder);
        if (location.Handoff is { } handoff)
        {
            await store.AcceptClaimAsync(handoff);
        }

        return await store.GetLeadAsync(leadId) ?? await grains.GetGrain<ILeadGrain>(leadId).GetAsync();
    }
}
