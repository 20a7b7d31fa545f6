namespace Orleans.Crm.Grains.Rules;

/// <summary>The lead being dispatched.</summary>
/// <param name="PreviousDesignerId">Set when the customer is a return customer (回头客): the designer who served them before.</param>
/// <param name="NeedsSenior">The customer needs an A6/senior designer (large flat, villa).</param>
/// <param name="RequestedGrade">The customer asked for a designer of this quarterly grade or above (客户需优秀级以上设计师); separate from the A6 post.</param>
public sealed record DispatchLead(string LeadId, string CustomerId, string? PreviousDesignerId = null, bool NeedsSenior = false, Model.DesignerGrade? RequestedGrade = null)
{
    public bool IsReturnCustomer => !string.IsNullOrEmpty(PreviousDesignerId);
}
