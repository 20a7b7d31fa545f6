using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains;

/// <summary>The console's work lists and a lead's history (issue 15), folded from the journal without asking the store grain.</summary>
public sealed partial class ReportsGrain
{
    private static readonly ImmutableArray<string> WorkListKinds =
    [
        JournalKinds.LeadDispatched, JournalKinds.LeadRefused, JournalKinds.LeadMeasured, JournalKinds.KeyFollowUp,
        JournalKinds.DepositRecorded, JournalKinds.ContractSigned, JournalKinds.LeadClosed, JournalKinds.FollowUpRecorded,
        JournalKinds.LeadReassigned,
    ];

    private static readonly ImmutableArray<string> HistoryKinds =
    [
        JournalKinds.LeadClaimed, JournalKinds.LeadRefused, JournalKinds.KeyFollowUp, JournalKinds.FaultSlip,
        JournalKinds.LeadMeasured, JournalKinds.FollowUpRecorded, JournalKinds.LeadClosed, JournalKinds.LeadReassigned,
    ];

    /// <inheritdoc />
    public async Task<ImmutableArray<LeadListRow>> GetStoreLeadsAsync(string storeId, string? managerId, string? designerId, string? todayIn, bool openOnly)
    {
        var now = clock.UtcNow;
        DateTimeOffset? registeredFrom = todayIn is null ? null : StoreCalendar.StartOfDay(StoreCalendar.LocalDate(now, todayIn), todayIn);
        var rows = new Dictionary<string, LeadListRow>(StringComparer.Ordinal);
        foreach (var e in await ReadAllAsync(new JournalQuery([JournalKinds.LeadRegistered], storeId, From: registeredFrom)))
        {
            var r = Data<LeadRegistered>(e);

            // A late entry's event is written when it is entered but says when the visitor came: the list goes by the visit.
            if (registeredFrom is { } from && r.RegisteredAt < from)
            {
                continue;
            }

            rows.TryAdd(r.LeadId, new LeadListRow(
                r.LeadId, r.RunningNumber, r.Name, r.Phone, r.ManagerId, null, LeadStatus.Normal, LeadStatus.Normal.ColorName(), true, r.RegisteredAt, null, 0, r.LateEntry));
        }

        if (rows.Count > 0)
        {
            foreach (var e in await ReadAllAsync(new JournalQuery(WorkListKinds, storeId, From: registeredFrom)))
            {
                if (e.Subject is { } leadId && rows.TryGetValue(leadId, out var row))
                {
                    rows[leadId] = Apply(row, e);
                }
            }
        }

        return [.. rows.Values
            .Where(r => managerId is null || r.ManagerId == managerId)
            .Where(r => designerId is null || r.DesignerId == designerId)
            .Where(r => !openOnly || r.Open)
            .OrderBy(r => r.RunningNumber)
            .Select(r => r with { DaysSinceFollowUp = Math.Max(0, (int)Math.Floor((now - (r.LastFollowUpAt ?? r.RegisteredAt)).TotalDays)) })];
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<LeadHistoryEntry>> GetLeadHistoryAsync(string storeId, string leadId)
    {
        var events = await ReadAllAsync(new JournalQuery(HistoryKinds, storeId, Subject: leadId));
        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Sequence).Select(History)];
    }

    private static LeadListRow Apply(LeadListRow row, JournalEntry e)
    {
        LeadListRow Status(LeadStatus status) => row with { Status = status, Colour = status.ColorName() };
        return e.Kind switch
        {
            JournalKinds.LeadDispatched => Data<LeadDispatched>(e) is var d ? row with { ManagerId = d.ManagerId, DesignerId = d.DesignerId } : row,
            JournalKinds.LeadRefused => row with { DesignerId = null },
            JournalKinds.LeadMeasured => row.Status == LeadStatus.Normal ? Status(LeadStatus.Measured) : row,
            JournalKinds.KeyFollowUp => Status(Data<KeyFollowUpChanged>(e).Status),
            JournalKinds.DepositRecorded => Status(LeadStatus.Deposit),
            JournalKinds.ContractSigned => Status(LeadStatus.Signed) with { Open = false },
            JournalKinds.LeadClosed => Status(Data<LeadClosed>(e).Status) with { Open = false },
            JournalKinds.FollowUpRecorded => row with { LastFollowUpAt = e.At },

            // A departed person's lead: the new holder's list has it, the departed person's has not.
            JournalKinds.LeadReassigned => Data<LeadReassigned>(e) is var h ? row with { ManagerId = h.ManagerId ?? row.ManagerId, DesignerId = h.DesignerId } : row,
            _ => row,
        };
    }

    private static LeadHistoryEntry History(JournalEntry e) => e.Kind switch
    {
        JournalKinds.LeadClaimed => Data<LeadClaimed>(e) is var c ? new(e.Kind, e.At, c.ManagerId, null, c.ManagerId, null, c.StoreId) : Bare(e),
        JournalKinds.LeadRefused => Data<LeadRefused>(e) is var r ? new(e.Kind, e.At, r.ManagerId, r.DesignerId, r.DesignerId, null, r.Reason) : Bare(e),
        JournalKinds.KeyFollowUp => Data<KeyFollowUpChanged>(e) is var k ? new(e.Kind, e.At, null, null, null, null, k.On ? "on" : "off") : Bare(e),
        JournalKinds.FaultSlip => Data<FaultSlipRecorded>(e) is var f ? new(e.Kind, e.At, f.ManagerId, f.DesignerId, f.By, null, $"{f.RuleBroken} — {f.Reason}") : Bare(e),
        JournalKinds.LeadMeasured => Data<LeadMeasured>(e) is var m ? new(e.Kind, e.At, m.ManagerId, m.DesignerId, null, m.Fee, null) : Bare(e),
        JournalKinds.FollowUpRecorded => Data<FollowUpRecorded>(e) is var u ? new(e.Kind, e.At, u.ManagerId, u.DesignerId, u.ByUserId, null, null) : Bare(e),
        JournalKinds.LeadClosed => Data<LeadClosed>(e) is var x ? new(e.Kind, e.At, x.ManagerId, x.DesignerId, x.ClosedBy, null, x.CloseReason) : Bare(e),
        // The departed person's name as it was: the board no longer knows them.
        JournalKinds.LeadReassigned => Data<LeadReassigned>(e) is var h ? new(e.Kind, e.At, h.ManagerId, h.DesignerId, null, null, $"{h.FromName} · {h.Outcome}") : Bare(e),
        _ => Bare(e),
    };

    private static LeadHistoryEntry Bare(JournalEntry e) => new(e.Kind, e.At, null, null, null, null, null);
}
