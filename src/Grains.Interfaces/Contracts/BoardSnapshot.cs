using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A store's dispatch board (派单栏) as of outbox sequence <paramref name="Sequence"/> of its stream: a client
/// applies the events after that sequence to stay current.
/// </summary>
public sealed record BoardSnapshot(
    string StoreId,
    string Name,
    DateOnly Date,
    long Sequence,
    Season Season,
    string? DutyManagerId,
    string? DutyManagerName,
    IReadOnlyList<BoardGroup> Groups,
    IReadOnlyList<BoardLead> Queue,
    IReadOnlyList<BoardLead> TodayLeads,
    IReadOnlyList<TickerLine> Ticker);

/// <summary>A group on the board.</summary>
public sealed record BoardGroup(string ManagerId, string ManagerName, IReadOnlyList<BoardDesigner> Designers);

/// <summary>A designer on the board: slots filled vs cap at a glance.</summary>
public sealed record BoardDesigner(string DesignerId, string Name, DesignerLevel Level, int Rank, bool Present, int Holding, int Cap, IReadOnlyList<string> LeadIds);

/// <summary>A lead card (full name and phone: the gateway masks them for display tokens).</summary>
public sealed record BoardLead(
    string LeadId,
    int? RunningNumber,
    string CustomerName,
    string Phone,
    LeadStatus Status,
    string Colour,
    string? ManagerId,
    string? DesignerId,
    bool Conflict,
    DateTimeOffset RegisteredAt);

/// <summary>A one-line entry of the dispatch ticker.</summary>
public sealed record TickerLine(DateTimeOffset At, string LeadId, string? DesignerId, string Text);

/// <summary>
/// The payload of every store-board event: what changed, as replacement cards, so a screen can patch its board.
/// </summary>
/// <param name="Kind">visit-registered, lead-dispatched, lead-queued, lead-refused, lead-closed, deposit-recorded, contract-signed, lead-updated, conflict-flagged, designer-updated, duty-changed, season-changed, store-configured, task-created, lead-claimed, lead-returned.</param>
public sealed record BoardChange(
    string Kind,
    DateTimeOffset At,
    string Summary,
    BoardLead? Lead = null,
    IReadOnlyList<BoardDesigner>? Designers = null,
    IReadOnlyList<string>? Queue = null,
    string? DutyManagerId = null,
    TickerLine? Ticker = null);
