using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains;

/// <summary>The dispatch board (派单栏): its numbered events, the snapshot, and live delivery to gateways.</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public Task<BoardSnapshot> GetBoardAsync()
    {
        EnsureConfigured();
        var today = Today;
        var designers = AllDesignerCards().ToDictionary(d => d.DesignerId, StringComparer.Ordinal);
        var roster = Roster();
        var dutyManager = roster.OnDuty(today);
        return Task.FromResult(new BoardSnapshot(
            Key,
            State.Name,
            today,
            State.Sequence,
            State.Season,
            dutyManager,
            State.Groups.FirstOrDefault(g => g.ManagerId == dutyManager)?.ManagerName,
            [.. State.Groups.Select(g => new BoardGroup(g.ManagerId, g.ManagerName, [.. g.DesignerIds.Select(id => designers[id])]))],
            [.. State.Queue.Select(q => ToBoardLead(q.LeadId, State.Leads[q.LeadId]))],
            [.. State.RecentLeads.Where(r => r.Date == today).Select(r => CardOf(r.LeadId)).OfType<BoardLead>()],
            [.. State.Ticker],
            RestDayDuty.Alert(roster, today),
            [.. RestDayDuty.Unassigned(State.Leads).Select(l => ToBoardLead(l.Key, l.Value))],
            State.TimeZone));
    }

    /// <inheritdoc />
    public Task<FeedPosition> SubscribeAsync(IBoardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return GetFeedPositionAsync();
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IBoardObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<FeedPosition> GetFeedPositionAsync() => Task.FromResult(new FeedPosition(State.Sequence, _activationId));

    /// <inheritdoc />
    public Task<BoardEventPage> GetEventsAsync(long afterSequence, int maxCount)
    {
        var (events, complete) = BoundedLog.After(State.Events, e => e.Sequence, State.Sequence, afterSequence, maxCount);
        return Task.FromResult(new BoardEventPage(events, State.Sequence, complete));
    }

    /// <summary>
    /// Numbers a board event and keeps it in the state this call writes; gateways get it only once that write
    /// succeeded, one way (a store never waits for screens).
    /// </summary>
    private void Publish(BoardChange change)
    {
        var boardEvent = new BoardEvent(Key, State.Sequence + 1, change);
        State = State with
        {
            Sequence = boardEvent.Sequence,
            Events = BoundedLog.Last(State.Events.Add(boardEvent), Options.BoardLogLength),
            Ticker = change.Ticker is { } line ? [line, .. State.Ticker.Take(rules.TickerLength - 1)] : State.Ticker,
        };
        AfterCommit(() => _observers.Notify(o => o.OnBoardEventAsync(boardEvent)));
    }

    private BoardLead? CardOf(string leadId) =>
        State.Leads.TryGetValue(leadId, out var lead) ? ToBoardLead(leadId, lead) : State.ClosedCards.GetValueOrDefault(leadId);

    /// <summary>Every designer's card (snapshots, and changes that move every cap).</summary>
    private ImmutableArray<BoardDesigner> AllDesignerCards() => DesignerCards(State.Groups.SelectMany(g => g.DesignerIds));

    /// <summary>
    /// The cards of the designers a change touched: events carry only those (screens replace cards by id), which keeps
    /// every event small however many designers the store has.
    /// </summary>
    private ImmutableArray<BoardDesigner> DesignerCards(string? designerId) => DesignerCards(designerId is null ? [] : [designerId]);

    private ImmutableArray<BoardDesigner> DesignerCards(IEnumerable<string> designerIds) =>
    [
        .. designerIds.Where(State.Designers.ContainsKey).Select(id =>
        {
            var d = State.Designers[id];
            return new BoardDesigner(id, d.Name, d.Level, d.Rank, d.Present, d.Holding.Count, CapOf(d), [.. d.Holding], d.Grade, d.Score, d.RankCorrection is not null);
        }),
    ];
}
