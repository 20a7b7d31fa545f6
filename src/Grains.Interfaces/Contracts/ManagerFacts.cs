namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// What the system cannot know about an account manager's quarter, entered by the store's supervisor or HQ: main-material
/// sales of the manager's signed consultations (主材产值) and optionally the project output they are measured against
/// (otherwise the contract amounts the system recorded), phone invitations made and how many of them came
/// (电话邀约), and the quarrels recorded (争吵或被投诉, −5 each).
/// </summary>
[GenerateSerializer, Alias("crm.ManagerFacts")]
public sealed record ManagerFacts(
    decimal MainMaterialSales,
    decimal? ProjectOutput,
    int PhoneInvitations,
    int InvitedVisits,
    int Quarrels,
    string? Note = null);

/// <summary>The entered facts as they stand: the facts, who entered them last and when.</summary>
[GenerateSerializer, Alias("crm.ManagerFactsView")]
public sealed record ManagerFactsView(string ManagerId, string StoreId, string Quarter, ManagerFacts Facts, string EnteredBy, DateTimeOffset EnteredAt);
