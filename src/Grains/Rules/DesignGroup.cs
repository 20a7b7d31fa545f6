namespace Orleans.Crm.Grains.Rules;

/// <summary>One design group: an account manager and their designers (the manager's name words the explanations).</summary>
public sealed record DesignGroup(string ManagerId, IReadOnlyList<DesignerSnapshot> Designers, string? ManagerName = null);
