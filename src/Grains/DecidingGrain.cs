using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.State;
using Orleans.Storage;

namespace Orleans.Crm.Grains;

/// <summary>
/// A grain that decides: each call works on an immutable state record and writes it once at the end. Nothing is
/// answered from state that was not saved: a call that throws leaves the previous state in place, and a failed write
/// (a version conflict, a lost connection, PostgreSQL restarting) also deactivates the grain so the next call starts
/// from storage. Effects on other grains and screens run only after the write succeeded.
/// </summary>
public abstract class DecidingGrain<TState>(IPersistentState<TState> storage, GrainContext context) : Grain
    where TState : DecidingState
{
    private readonly List<Action> _afterCommit = [];
    private readonly IJournal _journal = context.Journal;
    private readonly ILogger _logger = context.Logger;
    private IGrainTimer? _redelivery;
    private IGrainTimer? _journalRetry;
    private string? _stream;

    protected GrainOptions Options { get; } = context.Options.Value;

    protected RulesClock Clock { get; } = context.Clock;

    /// <summary>The business metrics; record decisions in <see cref="AfterCommit"/> so a failed write counts nothing.</summary>
    protected CrmMetrics Metrics { get; } = context.Metrics;

    /// <summary>Derives customer ids from phones (the one keyed place).</summary>
    protected CustomerIdentity Identity { get; } = context.Identity;

    /// <summary>The journal, for a grain that looks up what its state no longer keeps.</summary>
    protected IJournal Journal => _journal;

    /// <summary>The grain's journal stream, its grain id (<c>store/sh-xuhui</c>); events are numbered within it.</summary>
    protected string JournalStream => _stream ??= this.GetGrainId().ToString();

    protected DateTimeOffset Now => Clock.UtcNow;

    protected TState State
    {
        get => storage.State;
        set => storage.State = value;
    }

    /// <summary>
    /// Runs a command once per <paramref name="commandId"/>: a repeat returns the first result. A command that changes
    /// the state is remembered in the same write; one that changes nothing (a refusal) is not, so a retry of it is
    /// decided afresh. Remembering must stay small (every write of the grain carries it), so with
    /// <paramref name="replay"/> a result that the grain keeps anyway is remembered as a reference (a lead id, the time of
    /// a dispatch record) and a repeat reads it again; only results without one are kept as JSON.
    /// </summary>
    protected async Task<T> CommandAsync<T>(string? commandId, Func<Task<T>> decide, Replay<T>? replay = null)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var key = commandId is null ? null : CommandKey(commandId);
        if (key is not null && State.Commands.Find(c => c.Id == key) is { } done)
        {
            return done.Reference is { } reference && replay is not null
                ? await replay.Answer(reference)
                : JsonSerializer.Deserialize<T>(done.Result!, CrmJson.Options)!;
        }

        var before = State;
        T result;
        try
        {
            result = await decide();
        }
        catch
        {
            Abandon(before);
            throw;
        }

        if (!ReferenceEquals(State, before) && key is not null)
        {
            State = replay?.Reference(result) is { } reference
                ? Remember(new CommandRecord(key, Now, null, reference))
                : Remember(new CommandRecord(key, Now, JsonSerializer.Serialize(result, CrmJson.Options)));
        }

        await CommitAsync(before);
        return result;
    }

    /// <summary>Runs a change that needs no command id (a setting, a notice, a sweep): written only if it changed something.</summary>
    protected async Task UpdateAsync(Func<Task> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var before = State;
        try
        {
            await decide();
        }
        catch
        {
            Abandon(before);
            throw;
        }

        await CommitAsync(before);
    }

    /// <summary>
    /// Records an event for the journal with the current call's change: numbered next in <see cref="JournalStream"/>,
    /// saved in the same write and appended right after it (so a report read after the answer sees it), or on the next
    /// activation if the process dies in between. Nothing is recorded if the call fails. <paramref name="at"/> is when it
    /// happened, if not now (a paper form entered later keeps the visit's real time for reports).
    /// </summary>
    protected void Record(string kind, string? storeId, string? subject, object data, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sequence = State.JournalSequence + 1;
        var entry = new JournalEntry(JournalStream, sequence, kind, at ?? Now, storeId, subject, JsonSerializer.Serialize(data, data.GetType(), CrmJson.Options));
        State = (TState)State.WithJournal(sequence, State.PendingJournal.Add(entry));
    }

    /// <summary>
    /// Registers the grain's standing reminder <paramref name="name"/> unless it is on: before the write that needs it (if
    /// that write fails, an extra tick finds nothing to do), and with the write recording it as on.
    /// </summary>
    protected async Task KeepReminderAsync(string name)
    {
        if (!State.ReminderOn)
        {
            await this.RegisterOrUpdateReminder(name, Options.SweepPeriod, Options.SweepPeriod);
            State = (TState)State.WithReminder(true);
        }
    }

    /// <summary>Removes the standing reminder <paramref name="name"/> (a tick found nothing pending) until something needs it again.</summary>
    protected async Task StopReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await UpdateAsync(() =>
        {
            if (State.ReminderOn)
            {
                State = (TState)State.WithReminder(false);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Appends the events a previous activation saved but may not have appended (call on activation).</summary>
    protected Task CatchUpJournalAsync() => AppendPendingAsync();

    /// <summary>
    /// The tick of a reminder whose only work is the journal: the activation this tick woke appended what a dead one
    /// left; a failed append keeps the reminder for the next tick, else it stops until a write records events again.
    /// </summary>
    protected async Task AppendPendingOrStopReminderAsync(string name)
    {
        if (State.PendingJournal.Count > 0)
        {
            await CatchUpJournalAsync();
            return;
        }

        await StopReminderAsync(name);
    }

    /// <summary>Runs <paramref name="action"/> once the current call's state is saved (never if it is not).</summary>
    protected void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Keeps a timer re-sending unacknowledged effects while there are any.</summary>
    protected void KeepRedelivering(bool pending)
    {
        if (pending && _redelivery is null)
        {
            _redelivery = this.RegisterGrainTimer(_ => RedeliverAsync(), new GrainTimerCreationOptions(Options.RedeliveryInterval, Options.RedeliveryInterval));
        }
        else if (!pending && _redelivery is not null)
        {
            _redelivery.Dispose();
            _redelivery = null;
        }
    }

    /// <summary>Sends every unacknowledged effect again (one way; acknowledgements come back as calls).</summary>
    protected virtual Task RedeliverAsync() => Task.CompletedTask;

    /// <summary>
    /// Called before a write that records journal events. A grain that is not brought back by a standing reminder (as a
    /// store is by its sweep) registers one here, so events of a write whose append died with the silo reach the journal
    /// even if nobody calls the grain again; it may change <see cref="State"/>, which the write then includes.
    /// </summary>
    protected virtual Task JournalRecordedAsync() => Task.CompletedTask;

    /// <summary>Called once a changed state is saved, with the state before the change (before any after-commit action).</summary>
    protected virtual void Committed(TState before)
    {
    }

    private async Task CommitAsync(TState before)
    {
        if (!ReferenceEquals(State, before))
        {
            try
            {
                if (State.JournalSequence > before.JournalSequence)
                {
                    await JournalRecordedAsync();
                }

                await storage.WriteStateAsync();
            }
            catch (Exception e)
            {
                if (e is InconsistentStateException)
                {
                    Metrics.VersionConflict(GetType().Name);
                }

                Abandon(before);

                // The stored version may now be unknown (a write that failed after reaching the database): start over
                // from storage on the next call rather than trust this activation's ETag.
                DeactivateOnIdle();
                throw;
            }

            Committed(before);
            if (State.PendingJournal.Count > 0)
            {
                await AppendPendingAsync();
            }
        }

        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }

    /// <summary>
    /// Appends the pending events; the journal skips any it already has. On success they leave the state in memory (the
    /// next write drops them from storage; until then a new activation appends them again, which changes nothing). On
    /// failure a timer keeps trying: the answer already stands, the journal only lags.
    /// </summary>
    private async Task AppendPendingAsync()
    {
        var pending = State.PendingJournal;
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await _journal.AppendAsync(pending);
            var last = pending[^1].Sequence;
            State = (TState)State.WithJournal(State.JournalSequence, State.PendingJournal.RemoveAll(e => e.Sequence <= last));
            _journalRetry?.Dispose();
            _journalRetry = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Journal append of {Count} event(s) of {Stream} failed; retrying", pending.Count, JournalStream);
            _journalRetry ??= this.RegisterGrainTimer(_ => AppendPendingAsync(), new GrainTimerCreationOptions(Options.RedeliveryInterval, Options.RedeliveryInterval));
        }
    }

    private void Abandon(TState before)
    {
        State = before;
        _afterCommit.Clear();
    }

    /// <summary>
    /// A command id as remembered: a hash of it (command ids are scoped by caller, operation and target, so they run to a
    /// hundred characters, and a grain remembers up to <see cref="GrainOptions.RememberedCommands"/> of them).
    /// </summary>
    private static string CommandKey(string commandId) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(commandId)).AsSpan(0, 15));

    private TState Remember(CommandRecord record)
    {
        var cutoff = Now - Options.CommandRetention;
        var commands = State.Commands.RemoveAll(c => c.At < cutoff);
        var excess = commands.Count - Options.RememberedCommands + 1;
        if (excess > 0)
        {
            commands = commands.RemoveRange(0, excess);
        }

        return (TState)State.WithCommands(commands.Add(record));
    }

    /// <summary>How a command's result is remembered by reference and answered again from it.</summary>
    /// <param name="Reference">The reference to remember for a result, or null to remember the result itself.</param>
    /// <param name="Answer">The result again, from a remembered reference.</param>
    protected sealed record Replay<T>(Func<T, string?> Reference, Func<string, Task<T>> Answer);
}
