using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Search;

namespace Orleans.Crm.Grains;

/// <summary>The search (issue 15): answered from the journal's blind index and the found leads' own events, never by a grain.</summary>
public sealed partial class ReportsGrain
{
    /// <summary>What a found lead's result is folded from: its indexing (display) and what changed its status or holder.</summary>
    private static readonly ImmutableArray<string> SearchKinds =
    [
        JournalKinds.LeadIndexed, JournalKinds.LeadDispatched, JournalKinds.LeadMeasured, JournalKinds.KeyFollowUp,
        JournalKinds.DepositRecorded, JournalKinds.ContractSigned, JournalKinds.LeadClosed,
    ];

    /// <inheritdoc />
    public async Task<ImmutableArray<SearchHit>> SearchAsync(string q, string? storeId)
    {
        var terms = SearchText.Parse(q);
        var index = ServiceProvider.GetRequiredService<CustomerIdentity>().Search;
        var rows = await journal.SearchAsync(new JournalSearch(index.TokensOf(terms), terms.RunningNumber, storeId));

        // At most JournalSearch.MaxLimit leads, each one indexed read of its own events in the journal.
        var leads = new List<SearchHit>(rows.Count);
        // An anonymised lead (retention) keeps its running number in the rows but is no one's to find any more.
        foreach (var row in rows.Where(r => r.CustomerId != Rules.RetentionRules.Marker))
        {
            if (FoldSearchHit(row, await journal.ReadAsync(new JournalQuery(SearchKinds, Subject: row.LeadId))) is { } hit)
            {
                leads.Add(hit);
            }
        }

        // Each customer once, before their leads (newest first), in the order of their newest lead.
        return [.. leads
            .GroupBy(l => l.CustomerId, StringComparer.Ordinal)
            .SelectMany(g => g.First() is var latest
                ? g.Prepend(latest with { Kind = SearchHit.Customer, RunningNumber = null, RegisteredAt = g.Min(l => l.RegisteredAt) })
                : g)];
    }

    /// <summary>A found lead as its events say now: the display of its latest indexing, its status and designer after.</summary>
    private static SearchHit? FoldSearchHit(JournalSearchRow row, IReadOnlyList<JournalEntry> events)
    {
        SearchHit? hit = null;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case JournalKinds.LeadIndexed:
                    var display = Data<LeadIndexed>(e);
                    hit = (hit ?? new SearchHit(SearchHit.Lead, row.LeadId, row.CustomerId, row.StoreId, row.RunningNumber, "", "", LeadStatus.Normal, row.RegisteredAt, null))
                        with { Name = display.Name, Phone = display.Phone ?? "" };
                    break;
                case JournalKinds.LeadDispatched when hit is not null:
                    hit = hit with { DesignerId = Data<LeadDispatched>(e).DesignerId };
                    break;
                case JournalKinds.LeadMeasured when hit is not null:
                    hit = hit with { Status = hit.Status == LeadStatus.Normal ? LeadStatus.Measured : hit.Status };
                    break;
                case JournalKinds.KeyFollowUp when hit is not null:
                    hit = hit with { Status = Data<KeyFollowUpChanged>(e).Status };
                    break;
                case JournalKinds.DepositRecorded when hit is not null:
                    hit = hit with { Status = LeadStatus.Deposit };
                    break;
                case JournalKinds.ContractSigned when hit is not null:
                    hit = hit with { Status = LeadStatus.Signed };
                    break;
                case JournalKinds.LeadClosed when hit is not null:
                    hit = hit with { Status = Data<LeadClosed>(e).Status };
                    break;
            }
        }

        return hit;
    }
}
