namespace Orleans.Crm.Grains.Contracts;

/// <summary>The leads a store lost in one local month, per manager: counts by reason and the analyses.</summary>
/// <param name="Month">The store-local month, <c>YYYY-MM</c>.</param>
[GenerateSerializer, Alias("crm.LostReport")]
public sealed record LostReport(string StoreId, string Month, int Total, ImmutableArray<LostReportManager> Managers);

/// <summary>One manager's lost leads of the month (<see cref="ManagerId"/> null for leads that had no manager).</summary>
[GenerateSerializer, Alias("crm.LostReportManager")]
public sealed record LostReportManager(string? ManagerId, int Total, ImmutableArray<ReasonCount> ByReason, ImmutableArray<LostAnalysis> Analyses);

/// <summary>How many leads were lost for one reason (<see cref="Model.CloseReasons"/>; <c>unspecified</c> for closes recorded without one).</summary>
[GenerateSerializer, Alias("crm.ReasonCount")]
public sealed record ReasonCount(string Reason, int Count);

/// <summary>One lost lead: its reason, the manager's analysis, and the owner when another signer won it.</summary>
[GenerateSerializer, Alias("crm.LostAnalysis")]
public sealed record LostAnalysis(string LeadId, int? RunningNumber, string Reason, string? Analysis, string? DesignerId, DateTimeOffset ClosedAt, string? ClosedBy, CustomerOwner? OwnedBy);
