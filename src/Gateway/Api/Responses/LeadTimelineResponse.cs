using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// A lead's page (<c>GET /api/leads/{leadId}/timeline</c>): the lead as the caller may see it, the people in names,
/// the actions the caller may take now (<see cref="LeadActions"/>) and its history as one timeline, oldest first.
/// </summary>
public sealed record LeadTimelineResponse(
    LeadView Lead,
    string? ManagerName,
    string? DesignerName,
    IReadOnlyList<string> Actions,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>
/// One moment of a lead's history. <paramref name="Kind"/>: registered, claimed, dispatched, refused, fault-slip,
/// measured, fee-handed, key-follow-up, follow-up, task, deposit, contract, conflict, closed. <paramref name="Title"/>
/// is bilingual (中文 English); <paramref name="Detail"/> names people by name; <paramref name="Lines"/> is a dispatch's
/// explanation, one candidate a line.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string Detail, string? By, IReadOnlyList<string> Lines);
