using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>Who is on duty on a date (null on a rest day without an override), and why.</summary>
public sealed record DutyResponse(string Date, string? ManagerId, bool IsRestDay, bool IsOverride, string Reason)
{
    /// <summary>From the grain's answer.</summary>
    public static DutyResponse From(DutyAnswer answer) => new(
        answer.Date.ToString(ApiDates.Format, System.Globalization.CultureInfo.InvariantCulture), answer.ManagerId, answer.IsRestDay, answer.IsOverride, answer.Reason);
}
