using System.Security.Cryptography;
using System.Text;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.Search;

/// <summary>
/// Keyed blind indexes of the search (issue 14): the journal keeps HMAC tokens of what a search may type — every run
/// of at least <see cref="SearchText.MinDigits"/> consecutive digits of the customer's phone, every two-character piece
/// (bigram) of the name — never the digits or names themselves. A search computes the same tokens from its text and
/// looks them up. Without the key (derived once, in <see cref="CustomerIdentity"/>) a token cannot be recomputed, so a
/// database dump cannot be searched by trying numbers; a reader of the table still sees which rows share a token.
/// </summary>
public sealed class BlindIndex
{
    /// <summary>Bytes of the HMAC kept per token (128 bits: collisions are not a concern at a chain's scale).</summary>
    private const int TokenBytes = 16;

    private readonly byte[] _key;

    public BlindIndex(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = [.. key];
    }

    /// <summary>Every token of a customer: the phone's digit runs and the name's bigrams, distinct and ordered.</summary>
    public ImmutableArray<string> TokensOf(string name, string normalizedPhone)
    {
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        var digits = PhoneNumber.SearchDigits(normalizedPhone) ?? "";
        for (var length = SearchText.MinDigits; length <= digits.Length; length++)
        {
            for (var start = 0; start + length <= digits.Length; start++)
            {
                tokens.Add(Phone(digits.Substring(start, length)));
            }
        }

        foreach (var gram in SearchText.Bigrams(SearchText.NameKey(name)))
        {
            tokens.Add(NameGram(gram));
        }

        return [.. tokens];
    }

    /// <summary>The tokens a search must find all of: the typed digits as one run, or every bigram of the typed name.</summary>
    public ImmutableArray<string> TokensOf(SearchTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.By switch
        {
            SearchBy.Phone => [Phone(terms.Text)],
            SearchBy.Name => [.. SearchText.Bigrams(terms.Text).Distinct(StringComparer.Ordinal).Select(NameGram)],
            _ => [],
        };
    }

    private string Phone(string digits) => Token("phone/", digits);

    private string NameGram(string gram) => Token("name2/", gram);

    private string Token(string label, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(label + value)).AsSpan(0, TokenBytes));
}
