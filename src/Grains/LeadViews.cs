using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>Maps a store's lead state to the contract.</summary>
internal static class LeadViews
{
    public static LeadView From(string leadId, string storeId, LeadState lead) => new(
        leadId,
        storeId,
        lead.CustomerId,
        lead.RunningNumber,
        lead.Name,
        lead.Phone,
        lead.Channel,
        lead.ManagerId,
        lead.DesignerId,
        lead.Status,
        lead.Status.ColorName(),
        lead.Open,
        lead.Queued,
        lead.RegisteredAt,
        [.. lead.Conflicts],
        [.. lead.Dispatches],
        [.. lead.RefusedBy],
        lead.Deposit,
        lead.Contract,
        lead.MeasurementFee,
        [.. lead.Tasks],
        [.. lead.FollowUps],
        lead.Needs,
        lead.ReferrerName,
        lead.ClosedReason,
        lead.PreviousDesignerId,
        lead.Community,
        lead.Address,
        lead.ReferrerPhone,
        lead.PaperNumber,
        lead.LateEntry,
        lead.CloseReason,
        lead.Analysis,
        lead.OwnedBy,
        lead.ProjectId,
        lead.ClosedAt,
        lead.RequestedGrade,
        lead.DesignFeeRate);

    public static BoardLead ToBoardLead(string leadId, LeadState lead) => new(
        leadId,
        lead.RunningNumber,
        lead.Name,
        lead.Phone,
        lead.Status,
        lead.Status.ColorName(),
        lead.ManagerId,
        lead.DesignerId,
        lead.Conflicts.Count > 0,
        lead.RegisteredAt,
        lead.LateEntry);
}
