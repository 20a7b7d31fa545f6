namespace Orleans.Crm.Grains.Contracts;

/// <summary>An open lead of a customer, as the customer grain records it.</summary>
[GenerateSerializer, Alias("crm.CustomerLead")]
public sealed record CustomerLead(string LeadId, string StoreId, string? ManagerId, DateTimeOffset At, string? DesignerId = null);

/// <summary>What a store or the pool learns when it registers a lead with its customer.</summary>
/// <param name="Others">The customer's other open leads (any store): the conflicts (客户资源交叉).</param>
/// <param name="PreviousDesignerId">The designer who served the customer last (return customers go back to them).</param>
[GenerateSerializer, Alias("crm.CustomerRegistration")]
public sealed record CustomerRegistration(ImmutableArray<CustomerLead> Others, string? PreviousDesignerId, CustomerOwner? Owner);

/// <summary>A store asks to record the first deposit or contract of a customer.</summary>
[GenerateSerializer, Alias("crm.SignRequest")]
public sealed record SignRequest(string LeadId, string StoreId, string? ManagerId, string? DesignerId, DateTimeOffset At, bool Contract, decimal Amount = 0);

/// <summary>The customer's answer: accepted (the lead owns the customer, now or already) or refused with the owner.</summary>
[GenerateSerializer, Alias("crm.SignDecision")]
public sealed record SignDecision(bool Accepted, CustomerOwner Owner);

/// <summary>
/// What a customer tells a store about one of the store's leads: another lead of the customer appeared elsewhere
/// (<see cref="Conflict"/>), or another lead signed first and this one is lost (<see cref="Lost"/>). Delivered one way and
/// repeated until the store acknowledges it; applying it twice changes nothing.
/// </summary>
[GenerateSerializer, Alias("crm.CustomerNotice")]
public sealed record CustomerNotice(string NoticeId, string CustomerId, string StoreId, string LeadId, string Kind, LeadConflict? Conflicting, CustomerOwner? Owner)
{
    /// <summary>Another group or store registered the same customer.</summary>
    public const string ConflictKind = "conflict";

    /// <summary>Another lead signed first: close this one as lost to the owner.</summary>
    public const string LostKind = "lost";
}
