namespace Orleans.Crm.Runtime;

/// <summary>Reads committed events by stream and sequence, and wakes readers when a stream has new events.</summary>
public interface IOutbox
{
    /// <summary>Events of <paramref name="stream"/> with a sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<OutboxEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The last committed sequence of <paramref name="stream"/> (0 if none).</summary>
    Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raised (possibly more than once, possibly for nothing new) after events of a stream commit, and with a
    /// null stream after the notification channel reconnects, when every reader should catch up. A wake-up, not a message.
    /// </summary>
    event Action<string?>? Changed;
}
