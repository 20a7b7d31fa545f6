namespace Orleans.Crm.Runtime;

/// <summary>
/// The unit of work of one grain call. Rows read here join the call's read set and are version-checked
/// at commit; rows written commit all-or-nothing with the events and reminder changes of the call, and
/// with the call's command id (so a repeated command is recognised and not applied twice).
/// If any version check fails, nothing is written, and the runtime re-runs the whole call on fresh state.
/// </summary>
public interface IGrainTransaction
{
    /// <summary>The command id of this call (the caller's, or one the runtime derived or generated).</summary>
    string CommandId { get; }

    /// <summary>The calling grain's own state (a new instance if it has never been written).</summary>
    TState GetOwn<TState>() where TState : class, new();

    /// <summary>Another row's state, or null if it has never been written.</summary>
    ValueTask<TState?> FindAsync<TState>(string key, CancellationToken cancellationToken = default) where TState : class;

    /// <summary>Stages a row write; the row is committed with this call, against the version read.</summary>
    void Write<TState>(string key, TState state) where TState : class;

    /// <summary>Appends an event to an ordered stream (for example one store's board), committed with this call.</summary>
    void Publish(string stream, string eventType, object payload);

    /// <summary>Sets (or moves) a durable reminder of the calling grain, committed with this call.</summary>
    void SetReminder(string name, DateTimeOffset dueAt, string? payload = null);

    /// <summary>Removes a durable reminder of the calling grain, committed with this call.</summary>
    void CancelReminder(string name);
}
