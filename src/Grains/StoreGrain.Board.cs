using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>The dispatch board (派单栏) snapshot.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public async Task<BoardSnapshot> GetBoardAsync()
    {
        EnsureConfigured();
        var today = Today;
        var designers = await BoardDesignersAsync();
        var groups = State.Groups
            .Select(g => new BoardGroup(g.ManagerId, g.ManagerName, [.. g.DesignerIds.Select(id => designers.First(d => d.DesignerId == id))]))
            .ToList();
        var queue = new List<BoardLead>();
        foreach (var entry in State.Queue)
        {
            queue.Add(ToBoardLead(entry.LeadId, await Transaction.ReadAsync<LeadState>(entry.LeadId)));
        }

        var todayLeads = new List<BoardLead>();
        foreach (var recent in State.RecentLeads.Where(r => r.Date == today))
        {
            todayLeads.Add(ToBoardLead(recent.LeadId, await Transaction.ReadAsync<LeadState>(recent.LeadId)));
        }

        var dutyManager = (await RosterAsync()).OnDuty(today);
        return new BoardSnapshot(
            Key,
            State.Name,
            today,
            State.Sequence,
            State.Season,
            dutyManager,
            State.Groups.FirstOrDefault(g => g.ManagerId == dutyManager)?.ManagerName,
            groups,
            queue,
            todayLeads,
            State.Ticker);
    }

    /// <summary>Every designer's card (snapshots, and changes that move every cap).</summary>
    private Task<IReadOnlyList<BoardDesigner>> BoardDesignersAsync() => DesignerCardsAsync(State.Groups.SelectMany(g => g.DesignerIds));

    /// <summary>
    /// The cards of the designers a change touched: events carry only those (screens replace cards by id), which
    /// keeps every event small however many designers the store has.
    /// </summary>
    private Task<IReadOnlyList<BoardDesigner>> DesignerCardsAsync(string? designerId) =>
        DesignerCardsAsync(designerId is null ? [] : [designerId]);

    private async Task<IReadOnlyList<BoardDesigner>> DesignerCardsAsync(IEnumerable<string> designerIds)
    {
        var designers = new List<BoardDesigner>();
        foreach (var id in designerIds)
        {
            var d = await Transaction.ReadAsync<DesignerState>(id);
            designers.Add(new BoardDesigner(id, d.Name, d.Level, d.Rank, d.Present, d.Holding.Count, rules.Caps.CapFor(d.Rank, State.Season), d.Holding));
        }

        return designers;
    }
}
