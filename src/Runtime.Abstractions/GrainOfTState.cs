namespace Orleans.Crm.Runtime;

/// <summary>A grain with persistent state: one row keyed by the state type's name and the grain key.</summary>
/// <remarks>
/// <see cref="State"/> reads and writes go through the call's transaction, so an assignment is
/// committed (with its version check) only when the call returns successfully; a call that throws
/// leaves the stored state untouched. State should be an immutable record: replace it, don't mutate it.
/// </remarks>
public abstract class Grain<TState> : Grain where TState : class, new()
{
    /// <summary>This grain's state as of the current call.</summary>
    protected TState State
    {
        get => Transaction.GetOwn<TState>();
        set => Transaction.Write(Key, value);
    }
}
