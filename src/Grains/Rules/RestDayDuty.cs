using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The rest day is staffed by assignment (DOMAIN §3: 每周一公休日负责合理安排值班人员): a local date on which nobody is on
/// duty is an alert on the console and the board; walk-ins registered then get no manager and wait, listed as
/// unassigned, until a manager is assigned for that date, who then receives them.
/// </summary>
public static class RestDayDuty
{
    /// <summary>The alert for the store's local <paramref name="today"/>, or null when someone is on duty.</summary>
    public static BoardDutyAlert? Alert(DutyRoster roster, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var duty = roster.Explain(today);
        return duty.OnDutyManagerId is null ? new BoardDutyAlert(today, duty.IsRestDay, duty.Reason) : null;
    }

    /// <summary>The store's open leads that wait for a manager (pool claims always have one), oldest first.</summary>
    public static IEnumerable<KeyValuePair<string, LeadState>> Unassigned(IEnumerable<KeyValuePair<string, LeadState>> leads) =>
        leads.Where(l => l.Value is { ManagerId: null, Open: true, FromPool: false }).OrderBy(l => l.Value.RunningNumber);

    /// <summary>
    /// The unassigned leads that came on the store-local <paramref name="date"/> (by the time the visitor really came, so
    /// a paper form entered later belongs to its visit's date), oldest first: what an assignment for that date hands over.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, LeadState>> ToHandOver(IEnumerable<KeyValuePair<string, LeadState>> leads, DateOnly date, string timeZone) =>
        Unassigned(leads).Where(l => StoreCalendar.LocalDate(l.Value.RegisteredAt, timeZone) == date);
}
