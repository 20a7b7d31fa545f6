namespace Orleans.Crm.Grains.Rules;

/// <summary>Everything the planner needs; <paramref name="Groups"/> are in the store's group order.</summary>
/// <param name="RefusedDesignerIds">Designers who already refused this lead (挑肥拣瘦); they are not offered it again.</param>
public sealed record DispatchRequest(
    DispatchLead Lead,
    string DispatchingManagerId,
    IReadOnlyList<DesignGroup> Groups,
    ManualOverride? Override = null,
    IReadOnlySet<string>? RefusedDesignerIds = null);
