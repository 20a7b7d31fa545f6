using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains.State;
using Orleans.Storage;

namespace Orleans.Crm.Grains;

/// <summary>
/// A grain that decides: each call works on an immutable state record and writes it once at the end. Nothing is
/// answered from state that was not saved: a call that throws leaves the previous state in place, and a failed write
/// (a version conflict, a lost connection, PostgreSQL restarting) also deactivates the grain so the next call starts
/// from storage. Effects on other grains and screens run only after the write succeeded.
/// </summary>
public abstract class DecidingGrain<TState>(IPersistentState<TState> storage, IOptions<GrainOptions> options, RulesClock clock, CrmMetrics metrics) : Grain
    where TState : DecidingState
{
    private readonly List<Action> _afterCommit = [];
    private IGrainTimer? _redelivery;

    protected GrainOptions Options { get; } = options.Value;

    protected RulesClock Clock { get; } = clock;

    /// <summary>The business metrics; record decisions in <see cref="AfterCommit"/> so a failed write counts nothing.</summary>
    protected CrmMetrics Metrics { get; } = metrics;

    protected DateTimeOffset Now => Clock.UtcNow;

    protected TState State
    {
        get => storage.State;
        set => storage.State = value;
    }

    /// <summary>
    /// Runs a command once per <paramref name="commandId"/>: a repeat returns the remembered result. A command that
    /// changes the state is remembered in the same write; one that changes nothing (a refusal) is not, so a retry of it
    /// is decided afresh. With <paramref name="replay"/> only the id is remembered and a repeat answers with what
    /// <paramref name="replay"/> reads now (for results that are the current view of something the grain keeps anyway,
    /// so the state carries no second copy of them).
    /// </summary>
    protected async Task<T> CommandAsync<T>(string? commandId, Func<Task<T>> decide, Func<Task<T>>? replay = null)
    {
        ArgumentNullException.ThrowIfNull(decide);
        if (commandId is not null && State.Commands.Find(c => c.Id == commandId) is { } done)
        {
            return done.Result is null && replay is not null
                ? await replay()
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

        if (!ReferenceEquals(State, before) && commandId is not null)
        {
            State = Remember(commandId, replay is null ? JsonSerializer.Serialize(result, CrmJson.Options) : null);
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
        }

        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }

    private void Abandon(TState before)
    {
        State = before;
        _afterCommit.Clear();
    }

    private TState Remember(string commandId, string? result)
    {
        var cutoff = Now - Options.CommandRetention;
        var commands = State.Commands.RemoveAll(c => c.At < cutoff);
        var excess = commands.Count - Options.RememberedCommands + 1;
        if (excess > 0)
        {
            commands = commands.RemoveRange(0, excess);
        }

        return (TState)State.WithCommands(commands.Add(new CommandRecord(commandId, Now, result)));
    }
}
