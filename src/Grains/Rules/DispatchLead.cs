namespace Orleans.Crm.Grains.Rules;

/// <summary>The lead being dispatched.</summary>
/// <param name="PreviousDesignerId">Set when the customer is a return customer (回头客): the designer who served them before.</param>
/// <param name="NeedsSenior">The customer needs an A6/senior designer (large flat, villa, "excellent level").</param>
public sealed record DispatchLead(string LeadId, string CustomerId, string? PreviousDesignerId = null, bool NeedsSenior = false)
{
    public bool IsReturnCustomer => !string.IsNullOrEmpty(PreviousDesignerId);
}
