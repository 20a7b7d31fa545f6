namespace Orleans.Crm.Gateway.Auth;

/// <summary>The roles of the JWT <c>role</c> claim.</summary>
public static class CrmRoles
{
    /// <summary>Head office: every store.</summary>
    public const string Hq = "hq";

    /// <summary>Store supervisor (部门主管): one store, overrides and approvals.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Front desk (前台): one store, registers visitors.</summary>
    public const string FrontDesk = "frontdesk";

    /// <summary>Account manager (客户经理): their store; claims pool leads, dispatches.</summary>
    public const string Manager = "manager";

    /// <summary>Designer (设计师): full details only of the leads they hold.</summary>
    public const string Designer = "designer";

    /// <summary>A showroom wall display: the masked board of one store, read-only.</summary>
    public const string Display = "display";

    /// <summary>Project manager (项目经理): the construction stages of their store's projects.</summary>
    public const string ProjectManager = "pm";

    /// <summary>Customer service / after-sales (客服 / 售后): callbacks, complaints, repairs; without a store, HQ's customer service for every store.</summary>
    public const string Service = "service";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Hq, Supervisor, FrontDesk, Manager, Designer, Display, ProjectManager, Service];

    /// <summary>Roles that may act without a store (HQ, and HQ's customer service).</summary>
    public static IReadOnlyList<string> ChainWide { get; } = [Hq, Service];
}
