using System.Globalization;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Hides customers' names and phones from eyes that may not see them (DOMAIN §9): "王小明" → "王**",
/// "Wang Lei" → "Wang **", "13812345678" → "138****5678". Mirrors the rulebook's masks without depending on the
/// grain classes.
/// </summary>
public static class Masking
{
    private const string Stars = "**";

    /// <summary>The first character (or the first word of a name written with spaces) and two stars.</summary>
    public static string Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Stars;
        }

        var space = trimmed.IndexOfAny([' ', '\u3000', '\t']);
        return space > 0
            ? trimmed[..space] + " " + Stars
            : StringInfo.GetNextTextElement(trimmed) + Stars;
    }

    /// <summary>The first three and last four digits; anything shorter than that is hidden entirely.</summary>
    public static string Phone(string? phone)
    {
        var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 8
            ? string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4, 4))
            : "****";
    }

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
}
