using Orleans.Crm.Grains.Journal;

namespace Orleans.Crm.Grains.Reports;

/// <summary>How a dispatch was decided, as the HQ report spells it (the same split, in the same order, as the dispatch metric).</summary>
public static class DispatchKinds
{
    public const string OwnGroup = "own-group";
    public const string CrossGroup = "cross-group";
    public const string ReturnCustomer = "return-customer";
    public const string Override = "override";

    /// <summary>Every kind, in the order reports list them.</summary>
    public static readonly ImmutableArray<string> All = [OwnGroup, CrossGroup, ReturnCustomer, Override];

    /// <summary>The kind of a recorded dispatch: an override first, then a return customer, then cross-group.</summary>
    public static string Of(LeadDispatched dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return dispatch switch
        {
            { Override: true } => Override,
            { BackToPreviousDesigner: true } => ReturnCustomer,
            { CrossGroup: true } => CrossGroup,
            _ => OwnGroup,
        };
    }
}
