using Orleans.Crm.Grains.State;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Grains;

/// <summary>
/// The rows that point at a lead — a designer's holding, a manager's open pool claims, a customer's open leads — taken
/// off it in the caller's transaction, so stores and the pool release a lead the same way.
/// </summary>
internal static class LeadRows
{
    /// <summary>Frees the lead's slot in the designer's holding.</summary>
    public static async Task FreeSlotAsync(IGrainTransaction transaction, string designerId, string leadId)
    {
        var designer = await transaction.ReadAsync<DesignerState>(designerId);
        transaction.Write(designerId, designer with { Holding = [.. designer.Holding.Where(id => id != leadId)] });
    }

    /// <summary>The lead no longer counts against the manager's open pool claims (dispatched, closed or returned).</summary>
    public static async Task DropOpenClaimAsync(IGrainTransaction transaction, string managerId, string leadId)
    {
        var manager = await transaction.ReadAsync<ManagerState>(managerId);
        if (manager.OpenClaims.Contains(leadId))
        {
            transaction.Write(managerId, manager with { OpenClaims = [.. manager.OpenClaims.Where(id => id != leadId)] });
        }
    }

    /// <summary>The lead is no longer one of the customer's open leads.</summary>
    public static async Task DropOpenLeadAsync(IGrainTransaction transaction, string customerId, string leadId)
    {
        var customer = await transaction.ReadAsync<CustomerState>(customerId);
        transaction.Write(customerId, customer with { OpenLeads = [.. customer.OpenLeads.Where(o => o.LeadId != leadId)] });
    }
}
