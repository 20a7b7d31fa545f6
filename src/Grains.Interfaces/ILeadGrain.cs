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

    /// <summary>
    /// Retention: removes the customer's personal data from the archived lead if it closed before
    /// <paramref name="closedBefore"/> (idempotent). True when the lead is due (or was anonymised, or nothing is
    /// archived), so its journal events may be redacted too; false when it closed later (it was closed again).
    /// </summary>
    Task<bool> AnonymiseAsync(DateTimeOffset closedBefore);
}
