namespace Orleans.Crm.Grains;

/// <summary>
/// The bounded logs kept in grain state (board and pool events, a lead's history): the newest entries only, so a
/// write never rewrites an ever-growing document.
/// </summary>
internal static class BoundedLog
{
    /// <summary>The last <paramref name="max"/> entries of <paramref name="log"/>.</summary>
    public static ImmutableList<T> Last<T>(ImmutableList<T> log, int max) =>
        log.Count > max ? log.RemoveRange(0, log.Count - max) : log;

    /// <summary>
    /// The kept entries numbered after <paramref name="afterSequence"/> (at most <paramref name="maxCount"/>), or
    /// incomplete when some of them are no longer kept: the reader then needs a snapshot.
    /// </summary>
    public static (ImmutableArray<T> Entries, bool Complete) After<T>(ImmutableList<T> log, Func<T, long> sequenceOf, long lastSequence, long afterSequence, int maxCount)
    {
        var complete = afterSequence >= lastSequence || (log.Count > 0 && sequenceOf(log[0]) <= afterSequence + 1);
        return (complete ? [.. log.Where(e => sequenceOf(e) > afterSequence).Take(Math.Max(1, maxCount))] : [], complete);
    }
}
