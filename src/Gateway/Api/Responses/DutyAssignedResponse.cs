using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>
/// Who is on duty on a date after an assignment, and why; <paramref name="HandedOver"/> lists the walk-ins of that date
/// that waited unassigned and now belong to the on-duty manager.
/// </summary>
public sealed record DutyAssignedResponse(string Date, string? ManagerId, bool IsRestDay, bool IsOverride, string Reason, IReadOnlyList<string> HandedOver)
{
    /// <summary>From the grain's answer.</summary>
    public static DutyAssignedResponse From(DutyAssigned assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        var duty = DutyResponse.From(assigned.Duty);
        return new(duty.Date, duty.ManagerId, duty.IsRestDay, duty.IsOverride, duty.Reason, assigned.HandedOver);
    }
}
