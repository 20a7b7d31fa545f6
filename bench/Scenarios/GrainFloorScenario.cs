using System.Diagnostics;
using Orleans.Crm.Bench.Grains;
using Orleans.Crm.Bench.Infrastructure;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Bench.Reporting;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 1, second baseline — the grain-write floor: one persisted write of a trivial grain (<see cref="IFloorGrain"/>,
/// defined in the bench) through the CRM's grain storage (ADO.NET provider on the project's scripts, the project's state
/// serializer), called by an Orleans client of an in-process silo — the same kind of call a split-mode gateway makes.
/// p50/p99 at concurrency 1 and throughput at concurrency 16 over 1,000 grains, the shapes of the PostgreSQL floor, so
/// the ratio of the two is what the engine costs; the CRM's commands measured against it show what the rules add.
/// Also a call to the same grain that does not write: the messaging part of the write.
/// </summary>
public static class GrainFloorScenario
{
    private const string Name = "1 grain-write floor";
    private const int Grains = 1000;
    private const int Concurrency = 16;

    /// <summary>Measures the baseline and stores it in the context.</summary>
    public static async Task RunAsync(BenchContext context, EngineCluster engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        var client = engine.Client;
        var keys = Enumerable.Range(1, Grains).Select(i => $"floor-{i:D4}").ToArray();
        IFloorGrain Pick() => client.GetGrain<IFloorGrain>(keys[Random.Shared.Next(keys.Length)]);

        // Warm-up: activates every grain and inserts its row, so the measured writes are updates of live grains.
        using (var gate = new SemaphoreSlim(Concurrency))
        {
            await Task.WhenAll(keys.Select(async key =>
            {
                await gate.WaitAsync();
                try
                {
                    await client.GetGrain<IFloorGrain>(key).WriteAsync();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var calls = new LatencyRecorder();
        for (var i = -200; i < (context.Options.Quick ? 1000 : 3000); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Pick().PingAsync();
            if (i >= 0)
            {
                calls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var duration = context.Options.FloorDuration;
        var writes = new LatencyRecorder();
        await StatementStats.ResetAsync(engine.ConnectionString);
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            var started = Stopwatch.GetTimestamp();
            await Pick().WriteAsync();
            writes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var single = await StatementStats.ReadAsync(engine.ConnectionString);

        long count = 0;
        var cpu = Sampler(context);
        await StatementStats.ResetAsync(engine.ConnectionString);
        cpu.Start();
        var elapsed = await LoadLoop.RunAsync(Concurrency, duration, async (_, _) =>
        {
            await Pick().WriteAsync();
            Interlocked.Increment(ref count);
        });
        var (cores, boxCores) = cpu.Stop();
        var concurrent = await StatementStats.ReadAsync(engine.ConnectionString);
        var perSecond = count / elapsed.TotalSeconds;
        context.GrainFloor = new GrainFloorResult(writes.P50, writes.P99, perSecond, calls.P50, calls.P99);

        var floor = context.Floor;
        context.Report.Add(new ResultRow(Name, "grain write p50 / p99, concurrency 1 (Orleans client → silo → WriteToStorage)",
            Format.P50P99(writes.P50, writes.P99), writes.P50 / floor.UpdateP50, "floor p50"));
        context.Report.Add(new ResultRow(Name, $"grain writes/s, concurrency {Concurrency}, {Grains} grains", Format.PerSecond(perSecond),
            perSecond / floor.UpdatesPerSecond, "floor throughput"));
        context.Report.Add(new ResultRow(Name, "grain call without a write (same grains) p50 / p99", Format.P50P99(calls.P50, calls.P99),
            calls.P50 / floor.UpdateP50, "floor p50"));
        context.Report.Add(new ResultRow(Name, "PostgreSQL statements per grain write (concurrency 1 / 16)",
            $"{PerWrite(single.Statements, writes.Count)} / {PerWrite(concurrent.Statements, count)}"));
        Cpu.Report(context, Name, cores, boxCores, elapsed, count, "grain write");

        context.Report.Step("PostgreSQL floor: one durable UPDATE (Npgsql, autocommit)", floor.UpdateP50, "1 round trip + 1 WAL flush");
        context.Report.Step("grain call without a write (Orleans client → silo → grain)", calls.P50, "client → silo messaging, a turn, serialization of the call");
        context.Report.Step("grain-write floor (Orleans client → silo → one WriteToStorage)", writes.P50, "the call + the state serializer + the ADO.NET provider + the project's WriteToStorage", over: "grain call without a write");
        context.Report.Cost(new CommandCost("grain-write floor, concurrency 1", writes.Count, single, null, duration.TotalSeconds));
        context.Report.Cost(new CommandCost($"grain-write floor, concurrency {Concurrency}", count, concurrent,
            boxCores * elapsed.TotalMilliseconds / Math.Max(1, count), elapsed.TotalSeconds));
        context.Report.Note(Name,
            $"`IFloorGrain` (bench/Grains) is hosted by an in-process silo built with `AddCrmSilo` (the silo process's own configuration: "
            + "ADO.NET clustering, the ADO.NET grain storage `crm` from `AddCrmGrainServices`, the project's scripts and state serializer) and called "
            + $"through an in-process Orleans client built with `AddCrmClient` (loopback TCP, as a split-mode gateway). {Grains} grains were activated and "
            + $"written once before measuring. Samples: {writes.Count} single writes, {count} concurrent writes in {elapsed.TotalSeconds:0.0} s, "
            + $"{calls.Count} calls without a write. Statements at concurrency 16:\n\n{concurrent.Table(6, count)}");
    }

    /// <summary>CPU of the bench process (load generator, Orleans client and the in-process silos) and of PostgreSQL.</summary>
    public static CpuSampler Sampler(BenchContext context) => new(
    [
        ("bench (client + in-process silos + load)", () => [Environment.ProcessId]),
        ("PostgreSQL", CpuSampler.PostgresOf(context.Cluster.DataDirectory)),
    ]);

    private static string PerWrite(long statements, long writes) =>
        (writes == 0 ? 0 : statements / (double)writes).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
