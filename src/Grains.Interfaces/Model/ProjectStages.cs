namespace Orleans.Crm.Grains.Model;

/// <summary>
/// The stages of a project, in order (DOMAIN §6): the design flow after the deposit, then the construction flow. Each
/// stage is accepted with the customer before the next starts (seed 004). The API spells them as these slugs.
/// </summary>
public static class ProjectStages
{
    public const string Measurement = "measurement";
    public const string Quote = "quote";
    public const string Drawings = "drawings";

    /// <summary>The supervisor's review of the drawings: approved (accepted) or sent back with a reason.</summary>
    public const string Review = "review";

    public const string Contract = "contract";
    public const string Handover = "handover";
    public const string Briefing = "briefing";
    public const string WorkOrder = "work-order";
    public const string Permits = "permits";
    public const string SiteBriefing = "site-briefing";

    /// <summary>The crew moves in: the site has started (weekly callbacks run from here, DOMAIN §7).</summary>
    public const string CrewIn = "crew-in";

    public const string MaterialsIn = "materials-in";
    public const string Trades = "trades";
    public const string StagedAcceptance = "staged-acceptance";
    public const string ConcealedWorks = "concealed-works";
    public const string WaterproofingTest = "waterproofing-test";
    public const string MidTermSettlement = "mid-term-settlement";
    public const string PreAcceptance = "pre-acceptance";

    /// <summary>竣工验收: releases the project's ownership of the customer and starts the after-care callbacks.</summary>
    public const string CompletionAcceptance = "completion-acceptance";

    public const string FinalSettlement = "final-settlement";

    /// <summary>The design stages, in order.</summary>
    public static IReadOnlyList<string> Design { get; } = [Measurement, Quote, Drawings, Review, Contract, Handover, Briefing];

    /// <summary>The construction stages, in order.</summary>
    public static IReadOnlyList<string> Construction { get; } =
    [
        WorkOrder, Permits, SiteBriefing, CrewIn, MaterialsIn, Trades, StagedAcceptance, ConcealedWorks, WaterproofingTest,
        MidTermSettlement, PreAcceptance, CompletionAcceptance, FinalSettlement,
    ];

    /// <summary>Every stage, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Design, .. Construction];

    /// <summary>A construction stage (the project manager's).</summary>
    public static bool IsConstruction(string stage) => Construction.Contains(stage);
}
