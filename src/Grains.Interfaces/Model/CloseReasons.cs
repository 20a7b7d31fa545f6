namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Why a lead was closed, as the API writes it (DOMAIN §4–5). Staff pick one of <see cref="Chosen"/> when they close a lead
/// as lost or invalid; the others are set by the system (a lead lost to another signer) or by a supervisor (a deposit
/// refunded or forfeited).
/// </summary>
public static class CloseReasons
{
    public const string Price = "price";

    public const string Design = "design";

    public const string Competitor = "competitor";

    public const string Postponed = "postponed";

    public const string Unreachable = "unreachable";

    public const string NoNeed = "no-need";

    public const string Other = "other";

    /// <summary>Another lead of the customer signed first (以谁定单为准).</summary>
    public const string OwnedElsewhere = "owned-elsewhere";

    public const string DepositRefunded = "deposit-refunded";

    public const string DepositForfeited = "deposit-forfeited";

    /// <summary>The reasons staff choose from when closing a lead as lost or invalid.</summary>
    public static IReadOnlyList<string> Chosen { get; } = [Price, Design, Competitor, Postponed, Unreachable, NoNeed, Other];

    /// <summary>The reasons that close a lead holding a deposit (supervisor or HQ only).</summary>
    public static IReadOnlyList<string> DepositEnding { get; } = [DepositRefunded, DepositForfeited];
}
