using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>
/// Body of <c>PUT /api/designers/{designerId}/facts/{period}</c>: the supervisor's facts of the designer's half month
/// (they replace the ones entered before for that period). Counts are occurrences in the period.
/// </summary>
/// <param name="SiteSatisfaction">Satisfaction of the designer's sites under construction and completed, 0–100 (%).</param>
/// <param name="PhonedOwnCustomers">Whether the designer phoned their own customers (电话跟踪回访).</param>
/// <param name="ChangeRequests">Customers who asked for another designer.</param>
/// <param name="Disputes">Disputes with a customer.</param>
/// <param name="MissedDuty">Duty missed without reason.</param>
/// <param name="AbsenceNotLogged">Out of the office without logging it (外出未登记).</param>
/// <param name="GamesAtWork">Games on the company computer (上班玩游戏).</param>
/// <param name="PhoneInMeetings">Phone ringing in a meeting (例会手机响).</param>
/// <param name="MissedReview">Missed the evaluation review (考核无故不参加).</param>
/// <param name="LateEarlyAbsent">Late, left early or absent (迟到、早退、旷工).</param>
public sealed record DesignerFactsRequest(
    [property: Range(0, 100)] int? SiteSatisfaction = null,
    bool? PhonedOwnCustomers = null,
    [property: Range(0, 99)] int? ChangeRequests = null,
    [property: Range(0, 99)] int? Disputes = null,
    [property: Range(0, 99)] int? MissedDuty = null,
    [property: Range(0, 99)] int? AbsenceNotLogged = null,
    [property: Range(0, 99)] int? GamesAtWork = null,
    [property: Range(0, 99)] int? PhoneInMeetings = null,
    [property: Range(0, 99)] int? MissedReview = null,
    [property: Range(0, 99)] int? LateEarlyAbsent = null)
{
    /// <summary>The grain contract (counts not given are 0).</summary>
    public DesignerFacts ToContract(string enteredBy) => new(
        SiteSatisfaction,
        PhonedOwnCustomers,
        ChangeRequests ?? 0,
        Disputes ?? 0,
        MissedDuty ?? 0,
        AbsenceNotLogged ?? 0,
        GamesAtWork ?? 0,
        PhoneInMeetings ?? 0,
        MissedReview ?? 0,
        LateEarlyAbsent ?? 0,
        enteredBy);
}
