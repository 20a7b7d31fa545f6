namespace Orleans.Crm.Gateway.Board;

/// <summary>The service hub's route and message names (a public contract, like <see cref="BoardMessages"/>).</summary>
public static class ServiceMessages
{
    /// <summary>The hub's route.</summary>
    public const string HubPath = "/hubs/service";

    /// <summary>Server → client: one event of a store's complaint desk (a <c>ComplaintEvent</c>, with the desk's sequence).</summary>
    public const string ComplaintEvent = "ComplaintEvent";

    /// <summary>Server → client: a store's unclosed complaints as of the sequence it carries (a <c>ComplaintSnapshot</c>).</summary>
    public const string ComplaintSnapshot = "ComplaintSnapshot";

    /// <summary>Server → client: the desk is live and this connection has everything up to the sequence it carries.</summary>
    public const string ComplaintHeartbeat = "ComplaintHeartbeat";
}
