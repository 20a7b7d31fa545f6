using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// One line of a store's customer register (客户咨询登记表) as the journal knows it: the registration form's lines and the
/// lead's status now (its colour: DOMAIN §6). Name and phone are as registered (for supervisors and HQ only).
/// </summary>
/// <param name="RegisteredAt">When the visitor came (a paper form entered later keeps that time).</param>
/// <param name="ManagerId">The manager the lead is credited to now (the last dispatching manager, else the one it was handed to).</param>
[GenerateSerializer, Alias("crm.RegisterRow")]
public sealed record RegisterRow(
    string LeadId,
    int RunningNumber,
    DateTimeOffset RegisteredAt,
    VisitChannel Channel,
    string? Name,
    string? Phone,
    string? Community,
    string? Address,
    string? ManagerId,
    string? DesignerId,
    LeadStatus Status,
    string? CloseReason,
    decimal? DepositAmount,
    decimal? ContractAmount,
    string? PaperNumber,
    bool LateEntry);
