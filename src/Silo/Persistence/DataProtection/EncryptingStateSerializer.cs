using Orleans.Storage;

namespace Orleans.Crm.Silo.Persistence.DataProtection;

/// <summary>
/// Grain state at rest: the inner serializer's bytes (<c>CrmStateSerializer</c>'s JSON) sealed by the
/// <see cref="DataCipher"/>, so every grain's whole state — names, phones, addresses, notes and all — is one AES-GCM
/// value in the <c>payload</c> column, naming the data key it was written with. State shapes do not change.
/// </summary>
public sealed class EncryptingStateSerializer(IGrainStorageSerializer inner, DataCipher cipher) : IGrainStorageSerializer
{
    private readonly IGrainStorageSerializer _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly DataCipher _cipher = cipher ?? throw new ArgumentNullException(nameof(cipher));

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(_cipher.Encrypt(_inner.Serialize(input).ToMemory().Span));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[] plaintext;
        try
        {
            plaintext = _cipher.Decrypt(input.ToMemory().Span);
        }
        catch (DataKeyException e)
        {
            throw e.ForCaller($"Grain state {typeof(T).Name} cannot be read");
        }

        return _inner.Deserialize<T>(new BinaryData(plaintext))!;
    }
}
