namespace Orleans.Crm.Silo.Remote;

/// <summary>
/// How gateways call grains on silos: <c>POST /internal/grains/{grainType}/{key}/{method}</c> with the
/// arguments as a JSON array; the result comes back as JSON. Failures come back as <see cref="GrainCallError"/>.
/// </summary>
public static class GrainCallProtocol
{
    /// <summary>The route prefix (NetworkPolicies keep it reachable from gateways only).</summary>
    public const string Prefix = "/internal/grains";

    /// <summary>The command id header.</summary>
    public const string CommandIdHeader = "X-Crm-Command-Id";

    /// <summary>"client" (a client's command id: always recorded) or "retry" (a transport retry key).</summary>
    public const string CommandKindHeader = "X-Crm-Command-Kind";

    /// <summary>The relative path of a call.</summary>
    public static string PathOf(string grainType, string key, string method) =>
        $"{Prefix}/{Uri.EscapeDataString(grainType)}/{Uri.EscapeDataString(key)}/{Uri.EscapeDataString(method)}";
}

/// <summary>A failed remote call, so the gateway can raise the same exception a co-hosted call would.</summary>
/// <param name="Error">crm | conflict | unavailable | timeout | cycle | internal.</param>
public sealed record GrainCallError(string Error, string Message, string? Kind = null, string? Field = null);
