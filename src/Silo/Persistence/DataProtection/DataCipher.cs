using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Crm.Silo.Persistence.DataProtection;

/// <summary>
/// The one encryptor of data at rest (issue 14, DOMAIN §9): AES-256-GCM (<see cref="AesGcm"/>) under the data keys of
/// <c>Security:DataKeys</c>. Every sealed value names the key it was sealed with, so keys rotate: writes use the current
/// key, reads pick the key by the id in the header, and a row sealed with a key that is no longer configured fails with
/// a <see cref="DataKeyException"/> naming that key — never silent garbage.
/// </summary>
/// <remarks>
/// <para>Layout of a sealed value: <c>0xC5</c> (marks a sealed value), the format version <c>1</c>, the key id's length
/// <c>n</c> (1–32), the key id (ASCII), a 12-byte nonce (random per value), the ciphertext (as long as the plaintext) and
/// the 16-byte tag. Everything before the nonce is authenticated as associated data, so a row cannot be passed off as
/// sealed with another key; a changed byte anywhere fails the tag.</para>
/// <para>Used by the grain storage (<see cref="EncryptingStateSerializer"/>, every grain's state), the journal
/// (<see cref="JournalSealing"/>) and — the seam for the search table's display payload — by anything else that stores
/// customer data: <see cref="Encrypt"/>/<see cref="Decrypt"/> for bytes, <see cref="EncryptString"/>/<see cref="DecryptString"/>
/// for text columns (base64). Thread-safe; each thread reuses its own <see cref="AesGcm"/> per key.</para>
/// </remarks>
public sealed class DataCipher : IDisposable
{
    /// <summary>The first byte of every sealed value.</summary>
    public const byte Marker = 0xC5;

    /// <summary>The format version written now.</summary>
    public const byte Version = 1;

    /// <summary>AES-256: data keys are exactly this long.</summary>
    public const int KeyBytes = 32;

    /// <summary>The longest key id.</summary>
    public const int MaxKeyIdLength = 32;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly FrozenDictionary<string, Key> _keys;
    private readonly Key _current;

    /// <summary>A cipher over these keys (id → 32 bytes), writing with <paramref name="currentKeyId"/>.</summary>
    public DataCipher(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(currentKeyId);
        var built = new Dictionary<string, Key>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id))
            {
                throw new ArgumentException($"Data key id '{id}' must be 1–{MaxKeyIdLength} letters, digits, '-' or '_'.", nameof(keys));
            }

            if (key is not { Length: KeyBytes })
            {
                throw new ArgumentException($"Data key '{id}' must be {KeyBytes} bytes.", nameof(keys));
            }

            built.Add(id, new Key(id, key.ToArray()));
        }

        _keys = built.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _current = _keys.GetValueOrDefault(currentKeyId)
            ?? throw new ArgumentException($"The current data key '{currentKeyId}' is not among the keys.", nameof(currentKeyId));
    }

    /// <summary>The id new values are sealed with.</summary>
    public string CurrentKeyId => _current.Id;

    /// <summary>The ids of every key this cipher can read with.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Key ids are short ASCII names, so they fit a header byte count and an environment variable name.</summary>
    public static bool IsValidKeyId(string? id) =>
        id is { Length: > 0 and <= MaxKeyIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Seals <paramref name="plaintext"/> with the current key (a fresh random nonce each time).</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var key = _current;
        var headerLength = 3 + key.IdBytes.Length;
        var output = new byte[headerLength + NonceBytes + plaintext.Length + TagBytes];
        output[0] = Marker;
        output[1] = Version;
        output[2] = (byte)key.IdBytes.Length;
        key.IdBytes.CopyTo(output, 3);
        var nonce = output.AsSpan(headerLength, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = output.AsSpan(headerLength + NonceBytes, plaintext.Length);
        var tag = output.AsSpan(headerLength + NonceBytes + plaintext.Length, TagBytes);
        key.Aes.Value!.Encrypt(nonce, plaintext, ciphertext, tag, output.AsSpan(0, headerLength));
        return output;
    }

    /// <summary>Opens a value sealed by <see cref="Encrypt"/> with whichever configured key it names.</summary>
    /// <exception cref="DataKeyException">Not a sealed value, an unknown key id, or it was changed (or sealed with a different key of the same id).</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> sealedValue)
    {
        var keyId = KeyIdOf(sealedValue);
        var key = _keys.GetValueOrDefault(keyId)
            ?? throw new DataKeyException(
                $"The value was sealed with data key '{keyId}', which is not configured (Security:DataKeys:Keys:{keyId}); configured: {string.Join(", ", _keys.Keys)}.");
        var headerLength = 3 + key.IdBytes.Length;
        var textLength = sealedValue.Length - headerLength - NonceBytes - TagBytes;
        if (textLength < 0)
        {
            throw new DataKeyException("The sealed value is truncated.");
        }

        var plaintext = new byte[textLength];
        try
        {
            key.Aes.Value!.Decrypt(
                sealedValue.Slice(headerLength, NonceBytes),
                sealedValue.Slice(headerLength + NonceBytes, textLength),
                sealedValue.Slice(headerLength + NonceBytes + textLength, TagBytes),
                plaintext,
                sealedValue[..headerLength]);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new DataKeyException($"The value sealed with data key '{keyId}' failed authentication: it was changed, or the key of that id is not the one it was sealed with.", e);
        }

        return plaintext;
    }

    /// <summary>The id of the key a sealed value names (its header only: nothing is decrypted).</summary>
    /// <exception cref="DataKeyException">The value is not sealed by this format.</exception>
    public static string KeyIdOf(ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < 3 || sealedValue[0] != Marker)
        {
            throw new DataKeyException("The value is not sealed (no data-key header): rows written before encryption at rest, or not a CRM value.");
        }

        if (sealedValue[1] != Version)
        {
            throw new DataKeyException($"The sealed value has format version {sealedValue[1]}; this silo reads version {Version}.");
        }

        int length = sealedValue[2];
        if (length is 0 or > MaxKeyIdLength || sealedValue.Length < 3 + length)
        {
            throw new DataKeyException("The sealed value's key id is malformed.");
        }

        return Encoding.ASCII.GetString(sealedValue.Slice(3, length));
    }

    /// <summary>True when <paramref name="value"/> starts like a sealed value (the marker byte).</summary>
    public static bool LooksSealed(ReadOnlySpan<byte> value) => value.Length > 0 && value[0] == Marker;

    /// <summary>Seals UTF-8 text for a text column: base64 of <see cref="Encrypt"/>.</summary>
    public string EncryptString(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var count = Encoding.UTF8.GetByteCount(plaintext);
        var buffer = count <= 1024 ? stackalloc byte[count] : new byte[count];
        Encoding.UTF8.GetBytes(plaintext, buffer);
        return Convert.ToBase64String(Encrypt(buffer));
    }

    /// <summary>Opens text sealed by <see cref="EncryptString"/>.</summary>
    /// <exception cref="DataKeyException">As <see cref="Decrypt"/>, or the text is not base64.</exception>
    public string DecryptString(string sealedText)
    {
        ArgumentNullException.ThrowIfNull(sealedText);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedText);
        }
        catch (FormatException e)
        {
            throw new DataKeyException("The sealed text is not base64.", e);
        }

        return Encoding.UTF8.GetString(Decrypt(bytes));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    /// <summary>A key and its per-thread AES-GCM instances (an instance is not meant for concurrent use).</summary>
    private sealed class Key(string id, byte[] secret) : IDisposable
    {
        public string Id { get; } = id;

        public byte[] IdBytes { get; } = Encoding.ASCII.GetBytes(id);

        public ThreadLocal<AesGcm> Aes { get; } = new(() => new AesGcm(secret, TagBytes), trackAllValues: true);

        public void Dispose()
        {
            foreach (var aes in Aes.Values)
            {
                aes.Dispose();
            }

            Aes.Dispose();
        }
    }
}
