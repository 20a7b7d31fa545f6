using System.Security.Cryptography;
using System.Text;

namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Customer ids derive from the normalised phone, so every store finds the same customer, but the id itself
/// (which appears in URLs and logs) does not reveal the number.
/// </summary>
public static class CustomerIds
{
    /// <summary>The customer id of a normalised phone number.</summary>
    public static string For(string normalizedPhone)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("orleans-crm/customer/" + normalizedPhone));
        return "c-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
