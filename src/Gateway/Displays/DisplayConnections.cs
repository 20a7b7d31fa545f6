using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// The hub connections of paired displays in this process, by display id: a SignalR connection is authenticated once,
/// when it opens, so a revocation must close it explicitly (at once here, by <see cref="DisplayConnectionSweeper"/> in
/// the other gateway processes).
/// </summary>
public sealed class DisplayConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byDisplay = new(StringComparer.Ordinal);

    /// <summary>The displays with at least one open connection here.</summary>
    public IReadOnlyCollection<string> DisplayIds => [.. _byDisplay.Where(d => !d.Value.IsEmpty).Select(d => d.Key)];

    /// <summary>Notes an opened connection.</summary>
    public void Add(string displayId, HubCallerContext connection) =>
        _byDisplay.GetOrAdd(displayId, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    /// <summary>Forgets a closed connection.</summary>
    public void Remove(string displayId, string connectionId)
    {
        if (_byDisplay.TryGetValue(displayId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Closes every connection of the display in this process; returns how many.</summary>
    public int Abort(string displayId)
    {
        if (!_byDisplay.TryRemove(displayId, out var connections))
        {
            return 0;
        }

        foreach (var connection in connections.Values)
        {
            connection.Abort();
        }

        return connections.Count;
    }
}
