using Orleans.Crm.Grains.Journal;

namespace Orleans.Crm.Tests.Journal;

/// <summary>
/// Holds one stream's next append on whichever silo makes it, so a test can kill that silo after the grain's state write
/// and before its journal append. A test device: wired into test clusters only.
/// </summary>
public sealed class JournalGate
{
    private readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _stream;

    /// <summary>The name of the silo whose append is being held, once one is.</summary>
    public Task<string> Reached => _reached.Task;

    public void Arm(string stream) => Volatile.Write(ref _stream, stream);

    /// <summary>Lets the held append fail (its silo is dead by then: it must not reach the journal).</summary>
    public void Fail() => _released.TrySetException(new InvalidOperationException("The silo holding this append was killed."));

    /// <summary>The journal of one silo, holding the armed stream's first append.</summary>
    public IJournal Wrap(IJournal inner, string siloName) => new Gated(inner, this, siloName);

    private sealed class Gated(IJournal inner, JournalGate gate, string siloName) : IJournal
    {
        public async Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
        {
            if (entries.Any(e => e.Stream == Volatile.Read(ref gate._stream)) && gate._reached.TrySetResult(siloName))
            {
                await gate._released.Task;
            }

            await inner.AppendAsync(entries, cancellationToken);
        }

        public Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(query, cancellationToken);

        public Task<IReadOnlyList<JournalTask>> TasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
            inner.TasksAsync(query, cancellationToken);

        public Task<IReadOnlyList<JournalSearchRow>> SearchAsync(JournalSearch query, CancellationToken cancellationToken = default) =>
            inner.SearchAsync(query, cancellationToken);

        public Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default) =>
            inner.LastSequenceAsync(stream, cancellationToken);

        public Task<int> RedactLeadAsync(string leadId, Func<string, string?> redact, CancellationToken cancellationToken = default) =>
            inner.RedactLeadAsync(leadId, redact, cancellationToken);
    }
}
