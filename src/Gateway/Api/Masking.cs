using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Hides customers' names and phones from eyes that may not see them (DOMAIN §9): "王小明" → "王**",
/// "Wang Lei" → "Wang **", "13812345678" → "138****5678". The rule itself is <see cref="CustomerMask"/>.
/// </summary>
public static class Masking
{
    /// <summary>The masked name (<see cref="CustomerMask.Name"/>).</summary>
    public static string Name(string? name) => CustomerMask.Name(name);

    /// <summary>The masked phone (<see cref="CustomerMask.Phone"/>).</summary>
    public static string Phone(string? phone) => CustomerMask.Phone(phone);

    /// <summary>The lead as <paramref name="user"/> may see it.</summary>
    public static LeadView For(this LeadView lead, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(user);
        return user.CanSeeLeadDetails(lead.StoreId, lead.DesignerId)
            ? lead
            : lead with
            {
                Name = Name(lead.Name),
                Phone = Phone(lead.Phone),
                ReferrerName = lead.ReferrerName is null ? null : Name(lead.ReferrerName),
                ReferrerPhone = lead.ReferrerPhone is null ? null : Phone(lead.ReferrerPhone),

                // An address pins the customer down as surely as a phone: left out (the community stays).
                Address = null,
                Deposit = lead.Deposit is null ? null : lead.Deposit with { Name = Name(lead.Deposit.Name) },
                Contract = lead.Contract is null ? null : lead.Contract with { Name = Name(lead.Contract.Name) },
            };
    }

    /// <summary>The board as <paramref name="user"/> may see it: displays masked, designers only their own leads in full.</summary>
    public static BoardSnapshot For(this BoardSnapshot board, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(user);
        BoardLead Card(BoardLead lead) => user.CanSeeLeadDetails(board.StoreId, lead.DesignerId)
            ? lead
            : lead with { CustomerName = Name(lead.CustomerName), Phone = Phone(lead.Phone) };
        return board with
        {
            Queue = [.. board.Queue.Select(Card)],
            TodayLeads = [.. board.TodayLeads.Select(Card)],
            Unassigned = board.Unassigned is { } unassigned ? [.. unassigned.Select(Card)] : null,
        };
    }

    /// <summary>A feedback form: the visitor's name and phone masked for roles that may not see customers' details.</summary>
    public static FeedbackEntry For(this FeedbackEntry feedback, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(user);
        return user.CanSeeLeadDetails(feedback.StoreId, null)
            ? feedback
            : feedback with
            {
                Name = feedback.Name is null ? null : Name(feedback.Name),
                Phone = feedback.Phone is null ? null : Phone(feedback.Phone),
            };
    }

    /// <summary>A pool lead: unclaimed ones are the chain's (HQ sees them in full, others masked until claimed); claimed ones belong to the claimant's store.</summary>
    public static PoolLeadView For(this PoolLeadView lead, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(user);
        return user.CanSeeLeadDetails(lead.ClaimedBy?.StoreId, null)
            ? lead
            : lead with { Name = Name(lead.Name), Phone = Phone(lead.Phone) };
    }

    /// <summary>A customer: in full for staff of a store working them (designers: only when they hold or served them).</summary>
    public static CustomerView For(this CustomerView customer, StaffUser user, bool fullDetails)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(user);
        return fullDetails ? customer : customer with { Name = Name(customer.Name), Phone = Phone(customer.Phone) };
    }

    /// <summary>A search result: in full for eyes that may see the lead (designers: the leads they hold), else masked.</summary>
    public static SearchHit For(this SearchHit hit, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(user);
        return user.CanSeeLeadDetails(hit.StoreId, hit.DesignerId)
            ? hit
            : hit with { Name = Name(hit.Name), Phone = Phone(hit.Phone) };
    }
}
