using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Storage;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>
/// One silo's grain runtime: activations with turn-based execution, optimistic commits against the storage
/// (re-running a call on a version conflict), command de-duplication, reminders and idle collection.
/// Several instances may share one storage; they share nothing else, and the storage arbitrates.
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IGrainCallInvoker, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ConcurrentDictionary<RowKey, CachedRow> _cache = new();
    private readonly IServiceProvider _services;
    private readonly IGrainStorage _storage;
    private readonly GrainTypeRegistry _registry;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private int _inFlight;
    private volatile RuntimeState _state = RuntimeState.Created;

    /// <summary>Creates a runtime; call <see cref="StartAsync"/> before use.</summary>
    public GrainRuntime(IServiceProvider services, IGrainStorage storage, GrainTypeRegistry registry, RuntimeOptions options, TimeProvider timeProvider, ILogger<GrainRuntime> logger)
    {
        _services = services;
        _storage = storage;
        _registry = registry;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        SiloName = options.SiloName ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    private enum RuntimeState
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }

    /// <summary>This silo's name (reminder leases, logs).</summary>
    public string SiloName { get; }

    /// <summary>Counters of this instance.</summary>
    public RuntimeStatistics Statistics { get; } = new();

    /// <summary>The storage this runtime commits to.</summary>
    public IGrainStorage Storage => _storage;

    /// <summary>True while the runtime takes calls.</summary>
    public bool IsRunning => _state == RuntimeState.Running;

    /// <summary>Activations currently in memory.</summary>
    public int ActivationCount => _activations.Count;

    /// <summary>Prepares the storage and starts the reminder and collection loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _state = RuntimeState.Running;
        _loops.Add(Task.Run(() => ReminderLoopAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => HousekeepingLoopAsync(_stopping.Token), CancellationToken.None));
        LogStarted(SiloName, _storage.Name);
    }

    /// <summary>
    /// Graceful drain: stop taking calls, let in-flight calls finish (up to <paramref name="cancellationToken"/>),
    /// deactivate every activation and give back leased reminders.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_state is RuntimeState.Stopped or RuntimeState.Stopping)
        {
            return;
        }

        _state = RuntimeState.Stopping;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            while (Volatile.Read(ref _inFlight) > 0)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            LogDrainCutShort(Volatile.Read(ref _inFlight));
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        foreach (var activation in _activations.Values.ToList())
        {
            await TryDeactivateAsync(activation, force: true, CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            await _storage.ReleaseRemindersAsync(SiloName, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Their leases expire anyway; another silo picks them up then.
            LogReleaseFailed(e);
        }

        _state = RuntimeState.Stopped;
    }

    /// <summary>
    /// Abrupt stop, as a killed process: nothing is drained or released, calls in flight are abandoned
    /// (their commits are refused), leased reminders stay leased until their lease expires.
    /// </summary>
    public async Task KillAsync()
    {
        _state = RuntimeState.Stopped;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _activations.Clear();
        _cache.Clear();
    }

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key) where TGrain : class => GrainReference.Create<TGrain>(this, key);

    /// <summary>Forgets every activation and cached row (as after a restart) without stopping; for tests.</summary>
    public async Task DeactivateAllAsync()
    {
        foreach (var activation in _activations.Values.ToList())
        {
            await TryDeactivateAsync(activation, force: true, CancellationToken.None).ConfigureAwait(false);
        }

        _cache.Clear();
    }

    /// <inheritdoc />
    public Task<TResult> InvokeAsync<TResult>(GrainId id, MethodInfo method, object?[] arguments)
    {
        var contract = method.DeclaringType!;
        var command = RequestContext.TakeCommand();
        return RunCallAsync<TResult>(
            id,
            contract,
            command?.Id,
            command?.RecordAlways ?? false,
            grain => InvokeMethodAsync<TResult>(grain, method, arguments),
            prepare: null);
    }

    /// <summary>Delivers a due reminder as a grain call that also acknowledges it, exactly once in effect.</summary>
    internal async Task FireReminderAsync(DueReminder reminder)
    {
        var contract = _registry.ResolveName(reminder.GrainType);
        var id = new GrainId(reminder.GrainType, reminder.GrainKey);
        var commandId = $"reminder:{reminder.GrainType}/{reminder.GrainKey}/{reminder.Name}@{reminder.DueAt.UtcTicks}";
        await RunCallAsync<object?>(
            id,
            contract,
            commandId,
            recordAlways: true,
            async grain =>
            {
                if (grain is not IRemindable remindable)
                {
                    throw new InvalidOperationException($"Grain {id} has a reminder but does not implement IRemindable.");
                }

                await remindable.ReceiveReminderAsync(reminder.Name, reminder.Payload, reminder.DueAt).ConfigureAwait(false);
                return null;
            },
            tx => tx.AcknowledgeReminder(reminder.Name, reminder.DueAt)).ConfigureAwait(false);
        Statistics.ReminderFired();
    }

    internal async Task<(CachedRow Row, bool FromCache)> ReadRowAsync(RowKey key, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (_cache.TryGetValue(key, out var cached) && Stopwatch.GetElapsedTime(cached.LoadedAt, now) < _options.StateCacheTtl)
        {
            return (cached, true);
        }

        var row = new CachedRow(await _storage.ReadAsync(key, cancellationToken).ConfigureAwait(false), now);
        _cache[key] = row;
        return (row, false);
    }

    private async Task<TResult> RunCallAsync<TResult>(GrainId id, Type contract, string? explicitCommandId, bool recordAlways, Func<Grain, Task<TResult>> body, Action<CallTransaction>? prepare)
    {
        var parent = CallScope.Current;
        var chain = parent?.Chain ?? [];
        if (chain.Contains(id))
        {
            throw new GrainCallCycleException(id, chain);
        }

        var commandId = explicitCommandId ?? parent?.Transaction.NextChildCommandId() ?? $"auto:{Guid.NewGuid():N}";

        // A client's command may be a retry; a child call may repeat only when its parent is itself a repeat or a re-run.
        var mayBeRepeat = explicitCommandId is not null || parent?.Transaction.MayRepeat == true;

        // A repeated client command is caught by its commit (the command row is unique) or, if re-running it fails,
        // by looking its record up then; only a repeated child call must look first, since it may be another
        // method under the same derived id.
        var lookUpFirst = explicitCommandId is null && mayBeRepeat;

        Interlocked.Increment(ref _inFlight);
        try
        {
            ThrowIfNotRunning();
            Statistics.Call();
            var activation = await EnterTurnAsync(id, contract).ConfigureAwait(false);
            try
            {
                return await RunAttemptsAsync(activation, chain.Add(id), commandId, mayBeRepeat, lookUpFirst, recordAlways, body, prepare).ConfigureAwait(false);
            }
            finally
            {
                activation.LastUsedTimestamp = Stopwatch.GetTimestamp();
                activation.Turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<TResult> RunAttemptsAsync<TResult>(
        Activation activation,
        ImmutableArray<GrainId> chain,
        string commandId,
        bool mayBeRepeat,
        bool lookUpFirst,
        bool recordEvenUnchanged,
        Func<Grain, Task<TResult>> body,
        Action<CallTransaction>? prepare)
    {
        var binding = (IGrainBinding)activation.Grain;
        var checkRecorded = lookUpFirst;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (checkRecorded && await _storage.FindCommandAsync(commandId, CancellationToken.None).ConfigureAwait(false) is { } recorded)
            {
                Statistics.Duplicate();
                return Deserialize<TResult>(recorded.ResultJson);
            }

            checkRecorded = false;
            var transaction = new CallTransaction(this, activation.Id, commandId) { MayRepeat = mayBeRepeat || attempt > 1 };
            if (activation.GrainClass.StateType is { } stateType)
            {
                await transaction.LoadOwnAsync(stateType, CancellationToken.None).ConfigureAwait(false);
            }

            prepare?.Invoke(transaction);
            TResult result;
            CallScope.Current = new CallScope(chain, transaction);
            binding.Enter(transaction);
            try
            {
                result = await body(activation.Grain).ConfigureAwait(false);
            }
            catch (Exception e) when (mayBeRepeat)
            {
                // A retry that the changed state now refuses ("already dispatched"): the first result stands.
                if (await _storage.FindCommandAsync(commandId, CancellationToken.None).ConfigureAwait(false) is { } first)
                {
                    Statistics.Duplicate();
                    return Deserialize<TResult>(first.ResultJson);
                }

                ExceptionDispatchInfo.Capture(e).Throw();
                throw;
            }
            finally
            {
                binding.Enter(null);
                CallScope.Current = null;
            }

            if (!transaction.HasChanges && !recordEvenUnchanged)
            {
                // A read-only call answers from cached rows only if they are still current: another silo may
                // have committed since, and a caller who just got an acknowledgement there must see it here.
                var cachedReads = transaction.CachedReads();
                var stale = cachedReads.Count == 0
                    ? []
                    : await _storage.FindStaleAsync(cachedReads, CancellationToken.None).ConfigureAwait(false);
                if (stale.Count == 0)
                {
                    return result;
                }

                Statistics.StaleRead();
                Invalidate(stale);
                continue;
            }

            ThrowIfKilled();
            var request = transaction.ToCommit(JsonSerializer.Serialize(result, typeof(TResult), GrainJson.Options));
            CommitOutcome outcome;
            try
            {
                outcome = await _storage.CommitAsync(request, CancellationToken.None).ConfigureAwait(false);
            }
            catch (CommitOutcomeUnknownException e)
            {
                // Possibly committed: never write blindly again. The command record tells; if absent, run again.
                Statistics.Unknown();
                Invalidate(transaction.Keys);
                LogUnknownOutcome(e, commandId);
                checkRecorded = true;
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            switch (outcome)
            {
                case CommitOutcome.Committed:
                    Statistics.Commit();
                    var now = Stopwatch.GetTimestamp();
                    foreach (var (key, row, value) in transaction.CommittedRows(request))
                    {
                        _cache[key] = new CachedRow(row, now) { Value = value };
                    }

                    return result;
                case CommitOutcome.DuplicateCommand:
                    Invalidate(transaction.Keys);
                    checkRecorded = true;
                    break;
                default:
                    Statistics.Conflict();
                    Invalidate(transaction.Keys);
                    if (attempt > 3)
                    {
                        // Spread hot-row contention out a little; the first retries go at once.
                        await Task.Delay(Random.Shared.Next(1, 5 * attempt), CancellationToken.None).ConfigureAwait(false);
                    }

                    break;
            }
        }

        throw new GrainConflictException(activation.Id, _options.MaxAttempts);
    }

    private async Task<Activation> EnterTurnAsync(GrainId id, Type contract)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(id, CreateActivation, contract);
            if (!await activation.Turn.WaitAsync(_options.CallTimeout).ConfigureAwait(false))
            {
                throw new TimeoutException($"Grain {id} stayed busy for more than {_options.CallTimeout.TotalSeconds:0} s.");
            }

            if (activation.Deactivated)
            {
                activation.Turn.Release();
                continue;
            }

            if (!activation.Activated)
            {
                try
                {
                    await activation.Grain.OnActivateAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch
                {
                    activation.Deactivated = true;
                    _activations.TryRemove(new KeyValuePair<GrainId, Activation>(id, activation));
                    activation.Turn.Release();
                    throw;
                }

                activation.Activated = true;
                Statistics.Activated();
            }

            return activation;
        }
    }

    private Activation CreateActivation(GrainId id, Type contract)
    {
        var grainClass = _registry.Resolve(contract);
        var grain = (Grain)ActivatorUtilities.CreateInstance(_services, grainClass.Class);
        ((IGrainBinding)grain).Bind(new GrainActivationInfo(id, this, _time));
        return new Activation(id, grain, grainClass, contract) { LastUsedTimestamp = Stopwatch.GetTimestamp() };
    }

    private async Task<bool> TryDeactivateAsync(Activation activation, bool force, CancellationToken cancellationToken)
    {
        if (!await activation.Turn.WaitAsync(force ? _options.CallTimeout : TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            if (!force && Stopwatch.GetElapsedTime(activation.LastUsedTimestamp) < _options.IdleDeactivation)
            {
                return false;
            }

            activation.Deactivated = true;
            _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));
            if (activation.Activated)
            {
                try
                {
                    await activation.Grain.OnDeactivateAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogDeactivateFailed(e, activation.Id);
                }
            }

            Statistics.Deactivated();
            return true;
        }
        finally
        {
            activation.Turn.Release();
        }
    }

    private async Task ReminderLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await _storage.ClaimDueRemindersAsync(SiloName, _time.GetUtcNow(), _options.ReminderLease, 64, stoppingToken).ConfigureAwait(false);
                await Task.WhenAll(due.Select(FireLoggedAsync)).ConfigureAwait(false);
                if (due.Count == 64)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReminderPollFailed(e);
            }

            try
            {
                await Task.Delay(_options.ReminderPollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task FireLoggedAsync(DueReminder reminder)
    {
        try
        {
            await FireReminderAsync(reminder).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The lease expires and the reminder is tried again; its command id keeps the effect single.
            LogReminderFailed(e, reminder.GrainType, reminder.GrainKey, reminder.Name);
        }
    }

    private async Task HousekeepingLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromTicks(Math.Clamp(_options.IdleDeactivation.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromMinutes(1).Ticks));
        var nextPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
                foreach (var activation in _activations.Values)
                {
                    await TryDeactivateAsync(activation, force: false, stoppingToken).ConfigureAwait(false);
                }

                foreach (var (key, cached) in _cache)
                {
                    if (Stopwatch.GetElapsedTime(cached.LoadedAt) > _options.StateCacheTtl)
                    {
                        _cache.TryRemove(new KeyValuePair<RowKey, CachedRow>(key, cached));
                    }
                }

                var now = _time.GetUtcNow();
                if (now >= nextPrune)
                {
                    await _storage.PruneCommandsAsync(now - _options.CommandRetention, stoppingToken).ConfigureAwait(false);
                    nextPrune = now + TimeSpan.FromHours(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogHousekeepingFailed(e);
            }
        }
    }

    private static async Task<TResult> InvokeMethodAsync<TResult>(Grain grain, MethodInfo method, object?[] arguments)
    {
        object? returned;
        try
        {
            returned = method.Invoke(grain, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task<TResult> typed:
                return await typed.ConfigureAwait(false);
            case ValueTask<TResult> valueTyped:
                return await valueTyped.ConfigureAwait(false);
            case Task untyped:
                await untyped.ConfigureAwait(false);
                return default!;
            case ValueTask valueUntyped:
                await valueUntyped.ConfigureAwait(false);
                return default!;
            default:
                throw new InvalidOperationException($"{method.Name} returned {returned?.GetType().Name ?? "null"} instead of a task.");
        }
    }

    private static TResult Deserialize<TResult>(string? json) =>
        json is null ? default! : JsonSerializer.Deserialize<TResult>(json, GrainJson.Options)!;

    private void Invalidate(IEnumerable<RowKey> keys)
    {
        foreach (var key in keys)
        {
            _cache.TryRemove(key, out _);
        }
    }

    private void ThrowIfNotRunning()
    {
        if (_state != RuntimeState.Running)
        {
            throw new SiloUnavailableException(SiloName, _state == RuntimeState.Created ? "not started" : "stopping");
        }
    }

    private void ThrowIfKilled()
    {
        if (_state == RuntimeState.Stopped)
        {
            throw new SiloUnavailableException(SiloName, "stopped");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_state == RuntimeState.Running)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} started with {Storage} storage")]
    private partial void LogStarted(string silo, string storage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drain cut short with {InFlight} calls in flight")]
    private partial void LogDrainCutShort(int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing reminder leases failed")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commit outcome of {CommandId} unknown; checking its record before re-running")]
    private partial void LogUnknownOutcome(Exception exception, string commandId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deactivating {Grain} failed")]
    private partial void LogDeactivateFailed(Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming due reminders failed")]
    private partial void LogReminderPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Name} of {Type}/{Key} failed; it will be retried after its lease")]
    private partial void LogReminderFailed(Exception exception, string type, string key, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping failed")]
    private partial void LogHousekeepingFailed(Exception exception);

}
