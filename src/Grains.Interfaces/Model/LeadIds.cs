using System.Globalization;

namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Lead ids say where a lead is decided: <c>{storeId}-{n}</c> for a store's n-th registration, <c>pool-{n}</c> for the
/// pool's n-th posted lead. So any process finds a lead's deciding grain from its id alone, with no directory lookup.
/// </summary>
public static class LeadIds
{
    /// <summary>The prefix of pool leads; no store may use it as its id.</summary>
    public const string PoolPrefix = "pool";

    /// <summary>The id of a store's n-th lead.</summary>
    public static string ForStore(string storeId, int runningNumber) => $"{storeId}-{runningNumber.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The id of the pool's n-th lead.</summary>
    public static string ForPool(int number) => $"{PoolPrefix}-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True for a lead posted to the pool (it may since have been claimed by a store).</summary>
    public static bool IsPool(string leadId) => StoreOf(leadId) is null && leadId.StartsWith(PoolPrefix + "-", StringComparison.Ordinal);

    /// <summary>The store that registered the lead, or null for a pool lead or an id of no known shape.</summary>
    public static string? StoreOf(string leadId)
    {
        ArgumentNullException.ThrowIfNull(leadId);
        var dash = leadId.LastIndexOf('-');
        if (dash <= 0 || dash == leadId.Length - 1 || leadId.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        var storeId = leadId[..dash];
        return storeId == PoolPrefix ? null : storeId;
    }
}
