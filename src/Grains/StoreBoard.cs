using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>Publishing to a store's board from any grain, keeping the store row's event count exact.</summary>
internal static class StoreBoard
{
    /// <summary>
    /// Appends <paramref name="change"/> to the store's stream and counts it on the store row in the same commit
    /// (see <see cref="StoreState.Sequence"/>). Reads the row through the transaction, so earlier writes of this
    /// call to the same store are kept.
    /// </summary>
    public static async Task PublishAsync(IGrainTransaction transaction, string storeId, BoardChange change)
    {
        var store = await transaction.ReadAsync<StoreState>(storeId);
        transaction.Publish(Streams.Store(storeId), change.Kind, change);
        transaction.Write(storeId, store with { Sequence = store.Sequence + 1 });
    }

    /// <summary>
    /// Flags a cross-resource conflict (客户资源交叉) on every other open lead of the customer that another group or
    /// store works, tells those stores' boards, and returns the same flags for the new lead. Nobody is blocked:
    /// whoever signs first wins.
    /// </summary>
    public static async Task<IReadOnlyList<LeadConflict>> FlagConflictsAsync(
        IGrainTransaction transaction,
        CustomerState customer,
        string leadId,
        string storeId,
        string? managerId,
        DateTimeOffset now,
        Func<string, BoardChange, Task> publish)
    {
        var conflicts = new List<LeadConflict>();
        foreach (var other in customer.OpenLeads.Where(o => o.LeadId != leadId))
        {
            var kind = other.StoreId != storeId ? "cross-store" : other.ManagerId != managerId ? "cross-group" : null;
            if (kind is null)
            {
                continue;
            }

            var otherLead = await transaction.ReadAsync<LeadState>(other.LeadId);
            conflicts.Add(new LeadConflict(other.LeadId, other.StoreId, otherLead.ManagerId, otherLead.DesignerId, kind, now));
            var flagged = otherLead with { Conflicts = [.. otherLead.Conflicts, new LeadConflict(leadId, storeId, managerId, null, kind, now)] };
            transaction.Write(other.LeadId, flagged);
            await publish(other.StoreId, new BoardChange(
                "conflict-flagged",
                now,
                $"No. {otherLead.RunningNumber}: the customer also registered at {storeId} ({kind})",
                Lead: LeadViews.ToBoardLead(other.LeadId, flagged)));
        }

        return conflicts;
    }
}
