using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Board;

/// <summary>What one connection may see of a board: masks lead cards and free text per the caller's role.</summary>
public sealed class BoardViewer(StaffUser user)
{
    /// <summary>The caller.</summary>
    public StaffUser User { get; } = user;

    /// <summary>True when some lead details must be hidden from this caller (displays; designers for others' leads).</summary>
    public bool MasksAnything => User.IsDisplay || User.Role == CrmRoles.Designer;

    /// <summary>The snapshot as this caller may see it.</summary>
    public BoardSnapshot Apply(BoardSnapshot snapshot)
    {
        if (!MasksAnything)
        {
            return snapshot;
        }

        var unassigned = snapshot.Unassigned ?? [];
        var hidden = Hidden(snapshot.Queue.Concat(snapshot.TodayLeads).Concat(unassigned)).ToList();
        return snapshot with
        {
            Queue = [.. snapshot.Queue.Select(l => Apply(snapshot.StoreId, l))],
            TodayLeads = [.. snapshot.TodayLeads.Select(l => Apply(snapshot.StoreId, l))],
            Unassigned = snapshot.Unassigned is null ? null : [.. unassigned.Select(l => Apply(snapshot.StoreId, l))],
            Ticker = [.. snapshot.Ticker.Select(t => t with { Text = BoardMask.Text(t.Text, hidden) })],
        };
    }

    /// <summary>The change as this caller may see it; <paramref name="known"/> are the store's customers seen so far, to scrub free text.</summary>
    public BoardChange Apply(string storeId, BoardChange change, IEnumerable<(string Name, string Phone)> known)
    {
        if (!MasksAnything)
        {
            return change;
        }

        var hidden = (change.Lead is { } lead ? Hidden([lead]) : []).Concat(known).ToList();
        return change with
        {
            Summary = BoardMask.Text(change.Summary, hidden),
            Lead = change.Lead is null ? null : Apply(storeId, change.Lead),
            Ticker = change.Ticker is null ? null : change.Ticker with { Text = BoardMask.Text(change.Ticker.Text, hidden) },
        };
    }

    /// <summary>A pool lead: in full for HQ and for the store that claimed it, masked for everyone else (as the REST API).</summary>
    public PoolLeadView Apply(PoolLeadView lead) =>
        User.IsHq || (lead.ClaimedBy is { } holder && User.CanSeeStore(holder.StoreId) && User.CanSeeLeadDetails(holder.StoreId, null))
            ? lead
            : lead with { Name = BoardMask.Name(lead.Name), Phone = BoardMask.Phone(lead.Phone) };

    private BoardLead Apply(string storeId, BoardLead lead) =>
        User.CanSeeLeadDetails(storeId, lead.DesignerId)
            ? lead
            : lead with { CustomerName = BoardMask.Name(lead.CustomerName), Phone = BoardMask.Phone(lead.Phone) };

    // Free text cannot be attributed to one lead, so it hides every customer the caller may not see in full.
    private IEnumerable<(string Name, string Phone)> Hidden(IEnumerable<BoardLead> leads) =>
        leads.Where(l => User.IsDisplay || l.DesignerId != User.UserId).Select(l => (l.CustomerName, l.Phone));
}
