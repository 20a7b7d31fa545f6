using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>The search (issue 15): every lead the store takes in is recorded for the journal's blind index.</summary>
public sealed partial class StoreGrain
{
    /// <summary>
    /// Records <paramref name="lead"/> as the search finds it: blind-index tokens of its name and phone, its running
    /// number, and the name and phone a result shows. Call wherever a lead's name or phone is set (registration, a claimed pool
    /// lead arriving); the journal keeps the latest tokens per lead.
    /// </summary>
    private void IndexForSearch(string leadId, LeadState lead) =>
        Record(
            JournalKinds.LeadIndexed,
            Key,
            leadId,
            new LeadIndexed(leadId, lead.CustomerId, lead.RunningNumber, lead.RegisteredAt, Identity.Search.TokensOf(lead.Name, lead.Phone), lead.Name, lead.Phone));
}
