using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Displays;

/// <summary>
/// This process's memory of the registry's credential checks, each trusted for <see cref="DisplayOptions.CredentialCacheDuration"/>:
/// a display polls and reconnects, and every request must not be a grain call. Unknown displays are not remembered
/// (a flood of made-up ids cannot grow it), and a revocation made through this process is forgotten at once.
/// </summary>
public sealed class DisplayCredentialCache(IGrainFactory grains, IOptions<DisplayOptions> options, TimeProvider time)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (DisplayCredentialCheck Check, DateTimeOffset At)> _checks = new(StringComparer.Ordinal);

    private IDisplayRegistryGrain Registry => grains.GetGrain<IDisplayRegistryGrain>(0);

    /// <summary>The display's check, from memory when fresh enough, else from the registry.</summary>
    public async Task<DisplayCredentialCheck?> GetAsync(string displayId)
    {
        var now = time.GetUtcNow();
        if (_checks.TryGetValue(displayId, out var cached) && now - cached.At < options.Value.CredentialCacheDuration)
        {
            return cached.Check;
        }

        return await RefreshAsync(displayId).ConfigureAwait(false);
    }

    /// <summary>Asks the registry now (and remembers the answer).</summary>
    public async Task<DisplayCredentialCheck?> RefreshAsync(string displayId)
    {
        var check = await Registry.CheckAsync(displayId).ConfigureAwait(false);
        if (check is null)
        {
            _checks.TryRemove(displayId, out _);
            return null;
        }

        if (_checks.Count >= MaxEntries)
        {
            _checks.Clear();
        }

        _checks[displayId] = (check, time.GetUtcNow());
        return check;
    }

    /// <summary>Forgets a display (it was just revoked through this process).</summary>
    public void Forget(string displayId) => _checks.TryRemove(displayId, out _);
}
