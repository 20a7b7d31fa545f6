using Orleans.Crm.Gateway.Board;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// The hub connections of paired displays in this process, by display id: a revocation closes them at once here and by
/// <see cref="DisplayConnectionSweeper"/> in the other gateway processes.
/// </summary>
public sealed class DisplayConnections : HubConnectionRegistry;
