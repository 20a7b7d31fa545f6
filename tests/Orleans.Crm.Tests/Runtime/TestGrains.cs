using Orleans.Crm.Grains;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Tests.Runtime;

/// <summary>A grain with a deliberately non-atomic read-modify-write, for runtime tests.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<CounterState> GetStateAsync();

    Task TransferAsync(string toKey, int amount);

    Task<long> AppendEventAsync(string stream);

    Task ScheduleAsync(string name, DateTimeOffset dueAt);

    Task<int> PingThroughAsync(string otherKey);

    Task<int> IncrementTwiceViaOtherAsync(string otherKey);
}

public sealed record CounterState
{
    public int Count { get; init; }

    public int Fired { get; init; }

    public int Published { get; init; }
}

public sealed class CounterGrain : Grain<CounterState>, ICounterGrain, IRemindable
{
    public static int Constructed;

    public CounterGrain() => Interlocked.Increment(ref Constructed);

    public async Task<int> IncrementAsync()
    {
        var read = State.Count;

        // Yield between read and write: without turn-based execution, concurrent calls would lose updates here.
        await Task.Yield();
        State = State with { Count = read + 1 };
        return read + 1;
    }

    public Task<int> GetAsync() => Task.FromResult(State.Count);

    public Task<CounterState> GetStateAsync() => Task.FromResult(State);

    public async Task TransferAsync(string toKey, int amount)
    {
        var other = await Transaction.ReadAsync<CounterState>(toKey);
        State = State with { Count = State.Count - amount };
        Transaction.Write(toKey, other with { Count = other.Count + amount });
    }

    public Task<long> AppendEventAsync(string stream)
    {
        var n = State.Published + 1;
        State = State with { Published = n };
        Transaction.Publish(stream, "counted", new CountedEvent(Key, n));
        return Task.FromResult((long)n);
    }

    public Task ScheduleAsync(string name, DateTimeOffset dueAt)
    {
        Transaction.SetReminder(name, dueAt);
        return Task.CompletedTask;
    }

    public Task<int> PingThroughAsync(string otherKey) =>
        GrainFactory.GetGrain<ICounterGrain>(otherKey).PingThroughAsync(Key);

    public async Task<int> IncrementTwiceViaOtherAsync(string otherKey)
    {
        var other = GrainFactory.GetGrain<ICounterGrain>(otherKey);
        await other.IncrementAsync();
        return await other.IncrementAsync();
    }

    public Task ReceiveReminderAsync(string name, string? payload, DateTimeOffset dueAt)
    {
        State = State with { Fired = State.Fired + 1 };
        return Task.CompletedTask;
    }
}

public sealed record CountedEvent(string Grain, int N);
