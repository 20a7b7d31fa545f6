using System.Collections.Immutable;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// The actions a caller may take on a lead now, from their role and the lead's state (issue 15): the console offers
/// exactly these, so nobody is shown a button the API or the rules would refuse. One place, mirroring the checks of
/// <see cref="LeadsApi"/> and the store grain's pipeline:
/// <list type="bullet">
/// <item>a pool lead (no store) or a lead of another store: nothing (a pool lead is claimed from the pool);</item>
/// <item>a closed or signed lead: only its project, when it has one;</item>
/// <item>dispatch / override: the lead's own manager (or any of the store's managers while nobody was handed it), the
/// supervisor or HQ, while no designer holds it;</item>
/// <item>refuse: the holding designer, or lead work on their behalf, while a designer holds it;</item>
/// <item>measurement, deposit: lead work once a designer holds it, each once; fee to finance: a fee not yet handed;</item>
/// <item>contract: lead work once a deposit is recorded — seed 000: the contract is signed in the deposit payer's name
/// (签合同的名字与交定金的名字一定要一致), so it follows the deposit;</item>
/// <item>key follow-up: lead work on a normal or measured lead; follow-up: lead work or the holding designer;</item>
/// <item>close as lost/invalid: lead work without a deposit; a deposit ends only by refund or forfeit, which the
/// supervisor or HQ decide (DOMAIN §5).</item>
/// </list>
/// </summary>
public static class LeadActions
{
    public const string Dispatch = "dispatch";
    public const string Override = "override";
    public const string Refuse = "refuse";
    public const string Measurement = "measurement";
    public const string FeeHanded = "fee-handed";
    public const string Deposit = "deposit";
    public const string Contract = "contract";
    public const string KeyFollowUp = "key-follow-up";
    public const string FollowUp = "follow-up";
    public const string Close = "close";
    public const string DepositRefunded = "deposit-refunded";
    public const string DepositForfeited = "deposit-forfeited";
    public const string Project = "project";

    /// <summary>What <paramref name="user"/> may do on <paramref name="lead"/> now; <paramref name="measured"/>: a measurement was recorded.</summary>
    public static ImmutableArray<string> For(StaffUser user, LeadView lead, bool measured)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.StoreId is not { } storeId || !user.CanSeeStore(storeId) || user.IsDisplay)
        {
            return [];
        }

        var actions = ImmutableArray.CreateBuilder<string>();
        if (!lead.Open)
        {
            if (lead.ProjectId is not null)
            {
                actions.Add(Project);
            }

            return actions.ToImmutable();
        }

        var work = Access.LeadWork.Contains(user.Role);
        var held = lead.DesignerId is not null;
        var holder = user.Role == CrmRoles.Designer && held && lead.DesignerId == user.UserId;
        var ownOrNobodys = user.Role != CrmRoles.Manager || lead.ManagerId is null || lead.ManagerId == user.UserId;

        Add(work && ownOrNobodys && !held, Dispatch, Override);
        Add(held && (holder || work), Refuse);
        Add(work && held && !measured, Measurement);
        Add(work && lead.MeasurementFee is { HandedToFinance: false }, FeeHanded);
        Add(work && held && lead.Deposit is null, Deposit);
        Add(work && lead.Deposit is not null && lead.Contract is null, Contract);
        Add(work && lead.Status is LeadStatus.Normal or LeadStatus.Measured, KeyFollowUp);
        Add(work || holder, FollowUp);
        Add(work && lead.Deposit is null, Close);
        Add(Access.Ownership.Contains(user.Role) && lead.Deposit is not null, DepositRefunded, DepositForfeited);
        Add(lead.ProjectId is not null, Project);
        return actions.ToImmutable();

        void Add(bool allowed, params string[] names)
        {
            if (allowed)
            {
                actions.AddRange(names);
            }
        }
    }
}
