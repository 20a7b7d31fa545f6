namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Paper registration forms filled during an outage are entered later (补录): the lead keeps the time the visitor really
/// came, which must lie within the window before now and not in the future.
/// </summary>
public static class LateEntry
{
    /// <summary>How far back a paper form may be entered, by default.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromDays(7);

    /// <summary>Null when <paramref name="registeredAt"/> may be entered at <paramref name="now"/>; otherwise why not.</summary>
    public static string? Refusal(DateTimeOffset registeredAt, DateTimeOffset now, TimeSpan window)
    {
        if (registeredAt > now)
        {
            return $"registeredAt {registeredAt:O} is in the future: a paper form records a visit that already happened.";
        }

        return registeredAt < now - window
            ? $"registeredAt {registeredAt:O} is more than {window.TotalDays:0.##} days back: older paper forms cannot be entered."
            : null;
    }
}
