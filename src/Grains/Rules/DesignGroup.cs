namespace Orleans.Crm.Grains.Rules;

/// <summary>One design group: an account manager and their designers.</summary>
public sealed record DesignGroup(string ManagerId, IReadOnlyList<DesignerSnapshot> Designers);
