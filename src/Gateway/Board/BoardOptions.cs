using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Board;

/// <summary>Tuning of the live board (configuration section <c>Board</c>), validated at start.</summary>
public sealed class BoardOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Board";

    /// <summary>A subscriber at most this many events behind gets the missed events; further behind, a fresh snapshot.</summary>
    [Range(1, 100_000)]
    public int MaxCatchUpEvents { get; set; } = 500;

    /// <summary>
    /// How often each fed store's position is checked with its grain even without a push: a push is one way and may
    /// be lost (a silo died, the grain moved), so a lost push only delays an event by this much, never loses it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often each feed renews its observer with the grain. At most 30 s: a grain drops an observer not renewed within
    /// <c>Grains:ObserverExpiry</c> (two minutes), and renewing well within it leaves room for failed renewals while a
    /// silo dies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a connection hears <c>BoardHeartbeat</c> while its store's position is confirmed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this long without any message a wall display shows its board as stale (数据停止更新).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many events one read from a grain returns at most.</summary>
    [Range(1, 10_000)]
    public int ReadBatchSize { get; set; } = 200;

    /// <summary>
    /// How recent the last confirmed position check must be for a heartbeat to go out: two missed polls and a little
    /// for the call itself.
    /// </summary>
    public TimeSpan ConfirmationWindow => (2 * PollInterval) + TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Otherwise a healthy screen would flash "stale" between two heartbeats.
        if (HeartbeatInterval >= StaleAfter)
        {
            yield return new ValidationResult(
                $"{nameof(HeartbeatInterval)} ({HeartbeatInterval}) must be shorter than {nameof(StaleAfter)} ({StaleAfter}).",
                [nameof(HeartbeatInterval), nameof(StaleAfter)]);
        }

        if (ConfirmationWindow >= StaleAfter)
        {
            yield return new ValidationResult(
                $"Twice {nameof(PollInterval)} plus a second ({ConfirmationWindow}) must be shorter than {nameof(StaleAfter)} ({StaleAfter}).",
                [nameof(PollInterval), nameof(StaleAfter)]);
        }
    }
}
