namespace Orleans.Crm.Gateway.Board;

/// <summary>Tuning of the live board (configuration section <c>Board</c>).</summary>
public sealed class BoardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Board";

    /// <summary>A subscriber at most this many events behind gets the missed events; further behind, a fresh snapshot.</summary>
    public int MaxCatchUpEvents { get; set; } = 500;

    /// <summary>
    /// How often each stream is read even without a wake-up: NOTIFY is not durable, so a lost one must only delay
    /// an event, never lose it.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many events one outbox read returns at most.</summary>
    public int ReadBatchSize { get; set; } = 200;
}
