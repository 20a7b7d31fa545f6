using System.Text.Json;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Reports;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>HQ's reads: the weekly HQ report, the customer register and the export audit (all from the journal).</summary>
public sealed partial class ReportsGrain
{
    /// <summary>The time zone of a store the journal has no set-up of (stores set up before it was recorded).</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    private static readonly ImmutableArray<string> HqKinds =
    [
        JournalKinds.LeadRegistered, JournalKinds.LeadClaimed, JournalKinds.LeadDispatched, JournalKinds.LeadMeasured,
        JournalKinds.DepositRecorded, JournalKinds.ContractSigned, JournalKinds.LeadClosed,
        JournalKinds.ComplaintReceived, JournalKinds.ComplaintBreached,
    ];

    private static readonly ImmutableArray<string> RegisterKinds =
    [
        JournalKinds.LeadDispatched, JournalKinds.LeadMeasured, JournalKinds.KeyFollowUp,
        JournalKinds.DepositRecorded, JournalKinds.ContractSigned, JournalKinds.LeadClosed,
    ];

    /// <inheritdoc />
    public async Task<HqReport> GetHqReportAsync(string? storeId, int weeks)
    {
        if (weeks is < 1 or > StoreWeeks.MaxWeeks)
        {
            throw CrmException.Invalid("weeks", $"The weeks field must be a whole number from 1 to {StoreWeeks.MaxWeeks}, got {weeks}.");
        }

        var now = clock.UtcNow;
        var setups = new Dictionary<string, StoreConfigured>(StringComparer.Ordinal);
        foreach (var e in await ReadAllAsync(new JournalQuery([JournalKinds.StoreConfigured], storeId)))
        {
            if (e.StoreId is { } id)
            {
                setups[id] = Data<StoreConfigured>(e);
            }
        }

        // One read from the earliest first week of any store's calendar (a day earlier covers the zones of stores the
        // journal has no set-up of); each event then falls in its own store's week or none.
        var zones = setups.Values.Select(s => s.TimeZone).Append(DefaultTimeZone).Distinct(StringComparer.Ordinal);
        var from = zones.Min(zone => StoreWeeks.Last(zone, now, weeks)[0].From).AddDays(-1);
        var events = await ReadAllAsync(new JournalQuery(HqKinds, storeId, From: from));

        var stores = new SortedDictionary<string, HqStoreTally>(StringComparer.Ordinal);
        HqStoreTally Store(string id)
        {
            if (!stores.TryGetValue(id, out var tally))
            {
                var setup = setups.GetValueOrDefault(id);
                tally = new HqStoreTally(id, setup, StoreWeeks.Last(setup?.TimeZone ?? DefaultTimeZone, now, weeks));
                stores[id] = tally;
            }

            return tally;
        }

        if (storeId is not null)
        {
            Store(storeId);
        }
        else
        {
            foreach (var id in setups.Keys)
            {
                Store(id);
            }
        }

        var leads = new Dictionary<string, HqLead>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.StoreId is not { } sid || sid == LeadIds.PoolPrefix)
            {
                continue;
            }

            var store = Store(sid);
            var week = StoreWeeks.IndexOf(store.Weeks, e.At);
            switch (e.Kind)
            {
                case JournalKinds.LeadRegistered:
                    var registered = Data<LeadRegistered>(e);
                    leads.TryAdd(registered.LeadId, new HqLead(store, week, registered.ManagerId));
                    break;
                case JournalKinds.LeadClaimed:
                    var claimed = Data<LeadClaimed>(e);
                    leads[claimed.LeadId] = new HqLead(store, week, claimed.ManagerId);
                    break;
                case JournalKinds.LeadDispatched:
                    var dispatched = Data<LeadDispatched>(e);
                    if (leads.TryGetValue(dispatched.LeadId, out var lead))
                    {
                        lead.ManagerId = dispatched.ManagerId;
                    }

                    store.At(week, dispatched.ManagerId, t => t.Dispatch(DispatchKinds.Of(dispatched)));
                    break;
                case JournalKinds.LeadMeasured:
                    Mark(leads, Data<LeadMeasured>(e).LeadId, l => l.Measured = true);
                    break;
                case JournalKinds.DepositRecorded:
                    Mark(leads, Data<DepositRecorded>(e).LeadId, l => l.Deposit = true);
                    break;
                case JournalKinds.ContractSigned:
                    var signed = Data<ContractSigned>(e);
                    Mark(leads, signed.LeadId, l => (l.Contract, l.Amount) = (true, signed.Amount));
                    break;
                case JournalKinds.LeadClosed:
                    var closed = Data<LeadClosed>(e);
                    store.At(week, closed.ManagerId, t => t.Close(closed.Status, closed.CloseReason ?? Unspecified));
                    break;
                case JournalKinds.ComplaintReceived:
                    store.AtStore(week, t => t.Complaints++);
                    break;
                case JournalKinds.ComplaintBreached:
                    var breach = Data<ComplaintBreached>(e);
                    store.AtStore(week, t => t.Breach(breach.Step));
                    break;
            }
        }

        // The cohorts: each lead counts in the week it came, with how far it has got by now.
        foreach (var lead in leads.Values)
        {
            lead.Store.At(lead.Week, lead.ManagerId, t => t.Lead(lead));
        }

        var storeReports = stores.Values.Select(s => s.Report()).ToImmutableArray();
        var chainWeeks = StoreWeeks.Last(DefaultTimeZone, now, weeks);
        var chain = new HqTally[weeks];
        for (var i = 0; i < weeks; i++)
        {
            chain[i] = new HqTally();
            foreach (var store in stores.Values)
            {
                chain[i].Add(store.StoreWeeks[i]);
            }
        }

        return new HqReport(storeId, weeks, now, HqTally.Series(chainWeeks, chain), storeReports);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<RegisterRow>> GetRegisterAsync(string storeId, string timeZone, DateOnly from, DateOnly to)
    {
        var start = StoreCalendar.StartOfDay(from, timeZone);
        var end = StoreCalendar.StartOfDay(to.AddDays(1), timeZone);
        var rows = new Dictionary<string, RegisterRow>(StringComparer.Ordinal);
        foreach (var e in await ReadAllAsync(new JournalQuery([JournalKinds.LeadRegistered], storeId, From: start, To: end)))
        {
            var r = Data<LeadRegistered>(e);
            rows.TryAdd(r.LeadId, new RegisterRow(
                r.LeadId, r.RunningNumber, e.At, r.Channel, r.Name, r.Phone, r.Community, r.Address, r.ManagerId, null,
                LeadStatus.Normal, null, null, null, r.PaperNumber, r.LateEntry));
        }

        if (rows.Count == 0)
        {
            return [];
        }

        // What happened to them since (a lead's events come from its store's stream, in the order it decided them).
        foreach (var e in await ReadAllAsync(new JournalQuery(RegisterKinds, storeId, From: start)))
        {
            if (e.Subject is not { } leadId || !rows.TryGetValue(leadId, out var row))
            {
                continue;
            }

            rows[leadId] = e.Kind switch
            {
                JournalKinds.LeadDispatched => Data<LeadDispatched>(e) is var d ? row with { ManagerId = d.ManagerId, DesignerId = d.DesignerId } : row,
                JournalKinds.LeadMeasured => row with { Status = row.Status == LeadStatus.Normal ? LeadStatus.Measured : row.Status },
                JournalKinds.KeyFollowUp => row with { Status = Data<KeyFollowUpChanged>(e).Status },
                JournalKinds.DepositRecorded => row with { Status = LeadStatus.Deposit, DepositAmount = Data<DepositRecorded>(e).Amount },
                JournalKinds.ContractSigned => row with { Status = LeadStatus.Signed, ContractAmount = Data<ContractSigned>(e).Amount },
                JournalKinds.LeadClosed => Data<LeadClosed>(e) is var c ? row with { Status = c.Status, CloseReason = c.CloseReason ?? Unspecified } : row,
                _ => row,
            };
        }

        return [.. rows.Values.OrderBy(r => r.RunningNumber)];
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExportAuditEntry>> GetExportAuditAsync(string? storeId, DateTimeOffset? from, DateTimeOffset? to)
    {
        var events = await ReadAllAsync(new JournalQuery([JournalKinds.ExportMade], storeId, From: from, To: to));
        return [.. events
            .Select(e => (e.At, e.Sequence, Export: Data<ExportRecorded>(e)))
            .OrderByDescending(x => x.At)
            .ThenByDescending(x => x.Sequence)
            .Select(x => new ExportAuditEntry(
                x.Export.ExportId, x.Export.Export, x.Export.UserId, x.Export.Role, x.Export.StoreId, x.Export.Parameters, x.Export.Rows, x.Export.FileName, x.At, x.Export.Address))];
    }

    private static T Data<T>(JournalEntry e) => JsonSerializer.Deserialize<T>(e.Data, CrmJson.Options)!;

    private static void Mark(Dictionary<string, HqLead> leads, string leadId, Action<HqLead> mark)
    {
        if (leads.TryGetValue(leadId, out var lead))
        {
            mark(lead);
        }
    }

    /// <summary>
    /// Every event of a query, past the journal's per-query limit: read on from the time of the last event (events of that
    /// same instant come again and are skipped by their identity).
    /// </summary>
    private async Task<List<JournalEntry>> ReadAllAsync(JournalQuery query)
    {
        var all = new List<JournalEntry>();
        var seen = new HashSet<(string, long)>();
        var cursor = query.From;
        while (true)
        {
            var page = await journal.ReadAsync(query with { From = cursor, Limit = JournalQuery.MaxLimit });
            all.AddRange(page.Where(e => seen.Add((e.Stream, e.Sequence))));
            if (page.Count < JournalQuery.MaxLimit || page[^1].At == cursor)
            {
                return all;
            }

            cursor = page[^1].At;
        }
    }
}
