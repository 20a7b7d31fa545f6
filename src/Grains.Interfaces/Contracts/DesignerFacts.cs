namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// The facts of a designer's half month that the supervisor enters (DOMAIN §8): site satisfaction (0–100), whether the
/// designer phoned their own customers, and counts of the deductions (customer-requested designer changes, disputes,
/// missed duty, and the fixed items). Entering them again for the same period replaces them.
/// </summary>
[GenerateSerializer, Alias("crm.DesignerFacts")]
public sealed record DesignerFacts(
    int? SiteSatisfaction = null,
    bool? PhonedOwnCustomers = null,
    int ChangeRequests = 0,
    int Disputes = 0,
    int MissedDuty = 0,
    int AbsenceNotLogged = 0,
    int GamesAtWork = 0,
    int PhoneInMeetings = 0,
    int MissedReview = 0,
    int LateEarlyAbsent = 0,
    string? EnteredBy = null,
    DateTimeOffset? EnteredAt = null)
{
    /// <summary>Occurrences of the fixed deductions (固定扣分项目) together.</summary>
    public int FixedDeductions => AbsenceNotLogged + GamesAtWork + PhoneInMeetings + MissedReview + LateEarlyAbsent;
}

/// <summary>A designer's entered facts of one period, as stored.</summary>
[GenerateSerializer, Alias("crm.DesignerFactsView")]
public sealed record DesignerFactsView(string DesignerId, string StoreId, string Period, DesignerFacts Facts);
