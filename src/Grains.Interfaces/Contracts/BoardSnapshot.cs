using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// A store's dispatch board (派单栏) as of board sequence <paramref name="Sequence"/>: a client applies the events
/// after that sequence to stay current. <paramref name="TimeZone"/> is the store's IANA time zone (its setup), so a
/// screen shows the store's local time whatever its own time zone.
/// </summary>
[GenerateSerializer, Alias("crm.BoardSnapshot")]
public sealed record BoardSnapshot(
    string StoreId,
    string Name,
    DateOnly Date,
    long Sequence,
    Season Season,
    string? DutyManagerId,
    string? DutyManagerName,
    ImmutableArray<BoardGroup> Groups,
    ImmutableArray<BoardLead> Queue,
    ImmutableArray<BoardLead> TodayLeads,
    ImmutableArray<TickerLine> Ticker,
    BoardDutyAlert? DutyAlert = null,
    ImmutableArray<BoardLead>? Unassigned = null,
    string? TimeZone = null);

/// <summary>
/// Nobody is on duty on the store's local date (a rest day nobody was assigned to, or every manager away): walk-ins get
/// no manager and wait in <see cref="BoardSnapshot.Unassigned"/> until someone is assigned (DOMAIN §3).
/// </summary>
/// <param name="Reason">Why nobody is on duty, as the roster explains it.</param>
[GenerateSerializer, Alias("crm.BoardDutyAlert")]
public sealed record BoardDutyAlert(DateOnly Date, bool IsRestDay, string Reason);

/// <summary>A group on the board.</summary>
[GenerateSerializer, Alias("crm.BoardGroup")]
public sealed record BoardGroup(string ManagerId, string ManagerName, ImmutableArray<BoardDesigner> Designers);

/// <summary>A designer on the board: slots filled vs cap at a glance, with the grade and the score behind the rank.</summary>
/// <param name="Score">The half-month score behind the rank in force (null while the rank is the set-up's).</param>
/// <param name="RankCorrected">The rank in force is a supervisor's manual correction of the computed one.</param>
[GenerateSerializer, Alias("crm.BoardDesigner")]
public sealed record BoardDesigner(string DesignerId, string Name, DesignerLevel Level, int Rank, bool Present, int Holding, int Cap, ImmutableArray<string> LeadIds, DesignerGrade Grade = DesignerGrade.Ordinary, decimal? Score = null, bool RankCorrected = false);

/// <summary>A lead card (full name and phone: the gateway masks them for display tokens).</summary>
[GenerateSerializer, Alias("crm.BoardLead")]
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
    DateTimeOffset RegisteredAt,
    bool LateEntry = false);

/// <summary>A one-line entry of the dispatch ticker.</summary>
[GenerateSerializer, Alias("crm.TickerLine")]
public sealed record TickerLine(DateTimeOffset At, string LeadId, string? DesignerId, string Text);

/// <summary>
/// The payload of every store-board event: what changed, as replacement cards, so a screen can patch its board.
/// </summary>
/// <param name="Kind">visit-registered, lead-dispatched, lead-queued, lead-refused, lead-closed, deposit-recorded, contract-signed, lead-updated, lead-assigned, conflict-flagged, designer-updated, duty-changed, season-changed, store-configured, task-created, lead-claimed, lead-returned.</param>
[GenerateSerializer, Alias("crm.BoardChange")]
public sealed record BoardChange(
    string Kind,
    DateTimeOffset At,
    string Summary,
    BoardLead? Lead = null,
    ImmutableArray<BoardDesigner>? Designers = null,
    ImmutableArray<string>? Queue = null,
    string? DutyManagerId = null,
    TickerLine? Ticker = null);
