using System.Security.Cryptography;
using System.Text;
using Orleans.Crm.Grains.Search;

namespace Orleans.Crm.Grains;

/// <summary>
/// The one place customer ids are derived: a keyed HMAC-SHA256 of the normalised phone (<c>Security:IdentityKey</c>),
/// so every store finds the same customer while the id (in URLs, logs, the journal) reveals nothing. An unkeyed hash
/// would not do: anyone holding an id could try the ~10^10 possible numbers. The key is long-lived: a new key gives
/// every customer a new id, so changing it is a re-keying job (README), not a rotation.
/// </summary>
public sealed class CustomerIdentity
{
    /// <summary>The fewest key bytes accepted (HMAC-SHA256 wants 256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public CustomerIdentity(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = Encoding.UTF8.GetBytes(key);
        if (_key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The identity key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        // The search's blind-index key is derived here, and only here, with its own label: a search token never equals
        // a customer id, and the one long-lived secret stays the only one to keep (re-keying it re-indexes too).
        Search = new BlindIndex(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("orleans-crm/search-key/v1")));
    }

    /// <summary>The keyed blind index of the search (phone digits and name n-grams), under a key derived from this one.</summary>
    public BlindIndex Search { get; }

    /// <summary>The customer id of a normalised phone number (<c>c-</c> and 20 hex digits).</summary>
    public string IdOf(string normalizedPhone)
    {
        ArgumentException.ThrowIfNullOrEmpty(normalizedPhone);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("orleans-crm/customer/" + normalizedPhone));
        return "c-" + Convert.ToHexStringLower(mac.AsSpan(0, 10));
    }
}
