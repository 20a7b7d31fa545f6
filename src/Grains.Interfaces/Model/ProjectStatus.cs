namespace Orleans.Crm.Grains.Model;

/// <summary>Where a project stands: it owns its customer while open (DOMAIN §5).</summary>
[GenerateSerializer, Alias("crm.ProjectStatus")]
public enum ProjectStatus
{
    /// <summary>Opened by the winning deposit (or a contract without deposit): the customer belongs to it.</summary>
    Open,

    /// <summary>Completed: the customer is free to come back for a new project.</summary>
    Completed,

    /// <summary>The deposit was refunded or forfeited before a contract: the ownership ended.</summary>
    Released,
}
