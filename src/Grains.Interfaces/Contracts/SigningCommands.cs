namespace Orleans.Crm.Grains.Contracts;

/// <summary>A deposit paid on a lead (交定金).</summary>
[GenerateSerializer, Alias("crm.RecordDeposit")]
public sealed record RecordDeposit(decimal Amount, string PayerName);

/// <summary>A contract signed on a lead (签单); the name must match the deposit's payer.</summary>
[GenerateSerializer, Alias("crm.RecordContract")]
public sealed record RecordContract(decimal Amount, string SignerName);

/// <summary>
/// The customer's owner: whoever signed first (以谁定单为准), for one project (<paramref name="ProjectId"/>; null only in
/// states saved before projects existed).
/// </summary>
[GenerateSerializer, Alias("crm.CustomerOwner")]
public sealed record CustomerOwner(string StoreId, string? ManagerId, string? DesignerId, string LeadId, DateTimeOffset At, string? ProjectId = null);

/// <summary>The result of a deposit or contract: accepted (this lead owns the customer) or refused naming the owner.</summary>
[GenerateSerializer, Alias("crm.SigningOutcome")]
public sealed record SigningOutcome(bool Accepted, string LeadId, CustomerOwner Owner, string Message)
{
    /// <summary>The project the winning deposit or contract opened (or continued); the owner's project when refused.</summary>
    public string? ProjectId => Owner.ProjectId;
}
