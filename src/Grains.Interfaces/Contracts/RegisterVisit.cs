using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>A visitor registered by the front desk (客户咨询登记表).</summary>
/// <param name="AppointmentWith">The manager who made the appointment; null for a walk-in, who goes to the on-duty manager.</param>
/// <param name="RegisteredAt">For a paper form entered later (补录): when the visitor really came; null for now.</param>
/// <param name="PaperNumber">The paper form's number, with <paramref name="RegisteredAt"/>.</param>
/// <param name="RequestedGrade">The customer asked for a designer of this grade or above (excellent or expert; 客户需优秀级以上设计师).</param>
[GenerateSerializer, Alias("crm.RegisterVisit")]
public sealed record RegisterVisit(
    string Name,
    string Phone,
    VisitChannel Channel,
    string? AppointmentWith = null,
    string? ReferrerName = null,
    string? ReferrerPhone = null,
    string? Community = null,
    string? Address = null,
    CustomerNeeds? Needs = null,
    DateTimeOffset? RegisteredAt = null,
    string? PaperNumber = null,
    DesignerGrade? RequestedGrade = null);

/// <summary>Optional needs noted at registration.</summary>
[GenerateSerializer, Alias("crm.CustomerNeeds")]
public sealed record CustomerNeeds(
    decimal? AreaSquareMetres = null,
    string? Layout = null,
    string? Style = null,
    string? Budget = null,
    string? PlannedStart = null,
    string? SpecialNeeds = null,
    bool NeedsSenior = false);

/// <summary>The registered visit.</summary>
[GenerateSerializer, Alias("crm.VisitRegistered")]
public sealed record VisitRegistered(
    string CustomerId,
    string LeadId,
    int RunningNumber,
    string? ManagerId,
    bool ReturnCustomer,
    string? PreviousDesignerId,
    ImmutableArray<LeadConflict> Conflicts,
    bool LateEntry = false,
    DateTimeOffset? RegisteredAt = null);

/// <summary>Another open lead of the same customer (客户资源交叉).</summary>
/// <param name="Kind">cross-store or cross-group.</param>
[GenerateSerializer, Alias("crm.LeadConflict")]
public sealed record LeadConflict(string LeadId, string StoreId, string? ManagerId, string? DesignerId, string Kind, DateTimeOffset At);
