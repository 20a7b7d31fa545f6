using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's wall displays: pairing codes and paired displays in one state, so "unique while open", "single use" and
/// "revoked" are each decided in one place and survive restarts in grain storage (PostgreSQL in production), whichever
/// gateway process asks. See <see cref="IDisplayRegistryGrain"/>.
/// </summary>
public sealed class DisplayRegistryGrain(
    [PersistentState(CrmStorage.DisplayRegistry, CrmStorage.Provider)] IPersistentState<DisplayRegistryState> storage,
    GrainContext context)
    : DecidingGrain<DisplayRegistryState>(storage, context), IDisplayRegistryGrain
{
    /// <summary>A spent or expired code is kept this long after its expiry, so a late claim hears "expired"/"used", not "unknown".</summary>
    private static readonly TimeSpan KeepSpentCodes = TimeSpan.FromDays(1);

    // When gateways last checked each credential: written on every check, so kept in memory, not in the state.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<DisplayPairing> OpenPairingAsync(string storeId, string openedBy, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        if (validity <= TimeSpan.Zero)
        {
            throw CrmException.Invalid("validity", "A pairing code must be valid for a positive time.");
        }

        DisplayPairing? opened = null;
        await UpdateAsync(() =>
        {
            var now = Now;
            var codes = Pruned(State.Codes, now);

            // A million codes and a handful open at a time: a free one turns up at once.
            string code;
            do
            {
                code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            }
            while (codes.ContainsKey(code));

            var entry = new PairingCodeEntry(storeId, now, openedBy, now + validity);
            State = State with { Codes = codes.SetItem(code, entry) };
            opened = new DisplayPairing(code, storeId, entry.ExpiresAt);
            return Task.CompletedTask;
        });
        return opened!;
    }

    /// <inheritdoc />
    public async Task<DisplayClaim> ClaimAsync(string code, string deviceName, string secretHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretHash);
        DisplayClaim? claim = null;
        await UpdateAsync(() =>
        {
            var now = Now;
            if (!State.Codes.TryGetValue(code, out var entry))
            {
                claim = new DisplayClaim(DisplayClaimOutcome.Unknown);
            }
            else if (entry.ClaimedBy is not null)
            {
                claim = new DisplayClaim(DisplayClaimOutcome.Used);
            }
            else if (now >= entry.ExpiresAt)
            {
                claim = new DisplayClaim(DisplayClaimOutcome.Expired, ExpiredAt: entry.ExpiresAt);
            }
            else
            {
                var displayId = "display-" + Guid.NewGuid().ToString("N")[..16];
                State = State with
                {
                    Codes = Pruned(State.Codes, now).SetItem(code, entry with { ClaimedBy = displayId }),
                    Displays = State.Displays.Add(displayId, new DisplayEntry(entry.StoreId, deviceName, now, entry.OpenedBy, secretHash)),
                };
                _lastSeen[displayId] = now;
                claim = new DisplayClaim(DisplayClaimOutcome.Claimed, displayId, entry.StoreId);
            }

            return Task.CompletedTask;
        });
        return claim!;
    }

    /// <inheritdoc />
    public Task<DisplayCredentialCheck?> CheckAsync(string displayId)
    {
        if (!State.Displays.TryGetValue(displayId, out var entry))
        {
            return Task.FromResult<DisplayCredentialCheck?>(null);
        }

        if (entry.RevokedAt is null)
        {
            _lastSeen[displayId] = Now;
        }

        return Task.FromResult<DisplayCredentialCheck?>(new DisplayCredentialCheck(displayId, entry.StoreId, entry.SecretHash, entry.RevokedAt is not null));
    }

    /// <inheritdoc />
    public Task<ImmutableArray<DisplayView>> ListAsync(string? storeId) => Task.FromResult(
        State.Displays
            .Where(d => storeId is null || d.Value.StoreId == storeId)
            .OrderBy(d => d.Value.StoreId, StringComparer.Ordinal)
            .ThenBy(d => d.Value.PairedAt)
            .Select(d => View(d.Key, d.Value))
            .ToImmutableArray());

    /// <inheritdoc />
    public Task<DisplayView?> GetAsync(string displayId) =>
        Task.FromResult(State.Displays.TryGetValue(displayId, out var entry) ? View(displayId, entry) : null);

    /// <inheritdoc />
    public async Task<DisplayView?> RevokeAsync(string displayId, string revokedBy)
    {
        if (!State.Displays.TryGetValue(displayId, out var entry))
        {
            return null;
        }

        if (entry.RevokedAt is null)
        {
            await UpdateAsync(() =>
            {
                State = State with { Displays = State.Displays.SetItem(displayId, entry with { RevokedAt = Now, RevokedBy = revokedBy }) };
                return Task.CompletedTask;
            });
        }

        return View(displayId, State.Displays[displayId]);
    }

    private static ImmutableDictionary<string, PairingCodeEntry> Pruned(ImmutableDictionary<string, PairingCodeEntry> codes, DateTimeOffset now) =>
        codes.RemoveRange(codes.Where(c => c.Value.ExpiresAt + KeepSpentCodes < now).Select(c => c.Key));

    private DisplayView View(string displayId, DisplayEntry entry) => new(
        displayId,
        entry.StoreId,
        entry.DeviceName,
        entry.PairedAt,
        entry.PairedBy,
        _lastSeen.TryGetValue(displayId, out var seen) ? seen : null,
        entry.RevokedAt is not null,
        entry.RevokedAt,
        entry.RevokedBy);
}
