using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Crm.Silo.Persistence;

/// <summary>
/// Wraps the ADO.NET grain storage so that every grain key is stored as the distinct string it is.
/// </summary>
/// <remarks>
/// The ADO.NET storage guesses the key's kind from its text: 32 hex digits become a Guid, and any other key whose
/// part before the first '+' parses as hexadecimal becomes an integer. So the string keys "1" and "01" are both
/// stored as 1, "d1" and "D1" as 209, "beef" as 48879 and "abc+def" as 2748 with extension "def": different grains
/// would read and overwrite one row. Prefixing the key with <see cref="KeyPrefix"/> (':' is no hex digit) makes every
/// key fail both guesses, so it is stored whole as the string extension. Only the key passed to the inner storage
/// changes; the grain's identity elsewhere (directory, reminders, calls) is untouched.
/// </remarks>
public sealed class KeyPreservingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Put before every key handed to the inner storage.</summary>
    public const string KeyPrefix = "k:";

    private static readonly byte[] KeyPrefixBytes = Encoding.UTF8.GetBytes(KeyPrefix);

    /// <summary>The storage that does the work.</summary>
    public IGrainStorage Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The grain id the inner storage sees for <paramref name="grainId"/>: same type, key prefixed.</summary>
    public static GrainId StoredId(GrainId grainId)
    {
        var key = grainId.Key.AsSpan();
        var prefixed = new byte[KeyPrefixBytes.Length + key.Length];
        KeyPrefixBytes.CopyTo(prefixed, 0);
        key.CopyTo(prefixed.AsSpan(KeyPrefixBytes.Length));
        return GrainId.Create(grainId.Type, new IdSpan(prefixed));
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Inner.ReadStateAsync(stateName, StoredId(grainId), grainState);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Inner.ReadStateAsync(stateName, StoredId(grainId), grainState, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Inner.WriteStateAsync(stateName, StoredId(grainId), grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Inner.WriteStateAsync(stateName, StoredId(grainId), grainState, cancellationToken);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Inner.ClearStateAsync(stateName, StoredId(grainId), grainState);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Inner.ClearStateAsync(stateName, StoredId(grainId), grainState, cancellationToken);

    /// <summary>
    /// The inner storage loads its queries in the silo lifecycle: Orleans subscribes the registered (outer) storage,
    /// so the decorator passes the subscription on.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (Inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}
