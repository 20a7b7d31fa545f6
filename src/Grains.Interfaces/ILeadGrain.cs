using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// The archive of one closed lead (lost, invalid, signed): the store hands it over when it closes the lead, so the
/// store's state holds open work only. Never calls another grain.
/// </summary>
public interface ILeadGrain : IGrainWithStringKey
{
    Task<LeadView?> GetAsync();

    /// <summary>Stores the lead as it was closed (a later archive of the same lead replaces it).</summary>
    Task ArchiveAsync(LeadView lead);
}
