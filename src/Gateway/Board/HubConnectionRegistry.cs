using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Orleans.Crm.Gateway.Board;

/// <summary>
/// Open hub connections of this process by who holds them (a display id, a user id). A SignalR connection is
/// authenticated once, when it opens, so a credential that stops working (a revoked display, a person who left) must have
/// its connections closed explicitly: at once by the process that made the change, and by a periodic re-check in the
/// others.
/// </summary>
public class HubConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byKey = new(StringComparer.Ordinal);

    /// <summary>The holders with at least one open connection here.</summary>
    public IReadOnlyCollection<string> Keys => [.. _byKey.Where(d => !d.Value.IsEmpty).Select(d => d.Key)];

    /// <summary>Notes an opened connection.</summary>
    public void Add(string key, HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _byKey.GetOrAdd(key, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[connection.ConnectionId] = connection;
    }

    /// <summary>Forgets a closed connection.</summary>
    public void Remove(string key, string connectionId)
    {
        if (_byKey.TryGetValue(key, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>The holder's open connections here.</summary>
    public IReadOnlyCollection<HubCallerContext> Of(string key) =>
        _byKey.TryGetValue(key, out var connections) ? [.. connections.Values] : [];

    /// <summary>Closes every connection of the holder in this process; returns how many.</summary>
    public int Abort(string key)
    {
        if (!_byKey.TryRemove(key, out var connections))
        {
            return 0;
        }

        foreach (var connection in connections.Values)
        {
            connection.Abort();
        }

        return connections.Count;
    }

    /// <summary>Closes the holder's connections that <paramref name="refused"/> picks; returns how many.</summary>
    public int Abort(string key, Func<HubCallerContext, bool> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var closed = 0;
        foreach (var connection in Of(key).Where(refused))
        {
            Remove(key, connection.ConnectionId);
            connection.Abort();
            closed++;
        }

        return closed;
    }
}
