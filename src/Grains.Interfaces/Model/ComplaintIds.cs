namespace Orleans.Crm.Grains.Model;

/// <summary>Complaint ids say which store's complaint desk decides them: <c>{storeId}-k{n}</c>.</summary>
public static class ComplaintIds
{
    private const string Marker = "-k";

    public static string For(string storeId, long number) => $"{storeId}{Marker}{number}";

    /// <summary>The store of a complaint id, or null when it is not one.</summary>
    public static string? StoreOf(string? complaintId)
    {
        if (string.IsNullOrEmpty(complaintId))
        {
            return null;
        }

        var at = complaintId.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at <= 0 || at + Marker.Length >= complaintId.Length)
        {
            return null;
        }

        return complaintId.AsSpan(at + Marker.Length).ContainsAnyExceptInRange('0', '9') ? null : complaintId[..at];
    }
}
