namespace Orleans.Crm.Runtime;

/// <summary>Conveniences over <see cref="IGrainTransaction"/>.</summary>
public static class TransactionExtensions
{
    /// <summary>Another row's state, or a new instance if it has never been written.</summary>
    public static async ValueTask<TState> ReadAsync<TState>(this IGrainTransaction transaction, string key, CancellationToken cancellationToken = default)
        where TState : class, new()
        => await transaction.FindAsync<TState>(key, cancellationToken).ConfigureAwait(false) ?? new TState();
}
