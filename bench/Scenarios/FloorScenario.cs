using System.Diagnostics;
using Npgsql;
using Orleans.Crm.Bench.Measurement;
using Orleans.Crm.Bench.Reporting;

namespace Orleans.Crm.Bench.Scenarios;

/// <summary>
/// Scenario 1, the floor: the physical limit of one acknowledged write on this PostgreSQL — a durable single-row
/// <c>UPDATE bench_rows SET v = v + 1 WHERE id = $1</c> through Npgsql (autocommit: one round trip + one WAL flush) —
/// p50/p99 at concurrency 1, and throughput at concurrency 16 over 1,000 rows. Also the raw LISTEN/NOTIFY round trip,
/// the floor of the board's fan-out.
/// </summary>
public static class FloorScenario
{
    private const string Name = "1 floor";
    private const int Rows = 1000;
    private const int Concurrency = 16;

    /// <summary>Measures the baselines and stores them in the context.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connectionString = await context.Cluster.CreateDatabaseAsync("bench_floor");
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE TABLE bench_rows (id int PRIMARY KEY, v bigint NOT NULL DEFAULT 0); INSERT INTO bench_rows (id) SELECT generate_series(1, {Rows})",
                setup);
            await create.ExecuteNonQueryAsync();
        }

        var duration = context.Options.FloorDuration;
        var settings = await ScalarAsync(connectionString, "SELECT format('fsync=%s, synchronous_commit=%s, wal_sync_method=%s', current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method'))");
        var syncsBefore = await WalSyncsAsync(connectionString);
        var single = await UpdateLatencyAsync(connectionString, duration);
        var syncsPerUpdate = (await WalSyncsAsync(connectionString) - syncsBefore) / (double)(single.Count + 100);
        context.Report.Add(new ResultRow(Name, "UPDATE latency p50 / p99, concurrency 1", Format.P50P99(single.P50, single.P99)));

        var (updates, elapsed) = await UpdateThroughputAsync(connectionString, duration);
        var perSecond = updates / elapsed.TotalSeconds;
        context.Report.Add(new ResultRow(Name, $"UPDATE throughput, concurrency {Concurrency}, {Rows} rows", Format.PerSecond(perSecond)));

        var notify = await NotifyRoundTripAsync(connectionString, context.Options.Quick ? 50 : 300);
        context.Report.Add(new ResultRow(Name, "LISTEN/NOTIFY round trip p50 / p99", Format.P50P99(notify.P50, notify.P99)));

        context.Floor = new FloorResult(single.P50, single.P99, perSecond, notify.P50, notify.P99);
        context.Report.Note(Name,
            $"Each UPDATE is an autocommit statement: one network round trip on loopback plus one WAL flush (fdatasync) before the "
            + $"acknowledgement. Concurrency 16 lets PostgreSQL group-commit several transactions per flush, which is why throughput is "
            + $"more than 16 / p50. NOTIFY assigns a transaction id, so its round trip includes a commit (and a flush) too. "
            + $"The server reports {settings}; pg_stat_wal counted {syncsPerUpdate:0.00} WAL syncs per UPDATE at concurrency 1 (1.00 = every "
            + $"acknowledgement waited for its own flush). The disk's cache makes a flush cheap here (see pg_test_fsync in bench/README.md). "
            + $"Samples: {single.Count} single UPDATEs, {updates} concurrent UPDATEs in {elapsed.TotalSeconds:0.0} s, {notify.Count} NOTIFYs.");
    }

    private static async Task<LatencyRecorder> UpdateLatencyAsync(string connectionString, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = UpdateCommand(connection);
        await command.PrepareAsync();

        // Warm-up: connection, plan, WAL segment.
        for (var i = 0; i < 100; i++)
        {
            command.Parameters[0].Value = Random.Shared.Next(1, Rows + 1);
            await command.ExecuteNonQueryAsync();
        }

        var recorder = new LatencyRecorder();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            command.Parameters[0].Value = Random.Shared.Next(1, Rows + 1);
            var started = Stopwatch.GetTimestamp();
            await command.ExecuteNonQueryAsync();
            recorder.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return recorder;
    }

    private static async Task<(long Updates, TimeSpan Elapsed)> UpdateThroughputAsync(string connectionString, TimeSpan duration)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < Concurrency; i++)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        long updates = 0;
        try
        {
            var elapsed = await LoadLoop.RunAsync(Concurrency, duration, async (worker, _) =>
            {
                await using var command = UpdateCommand(connections[worker]);
                command.Parameters[0].Value = Random.Shared.Next(1, Rows + 1);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
                Interlocked.Increment(ref updates);
            });
            return (updates, elapsed);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<LatencyRecorder> NotifyRoundTripAsync(string connectionString, int samples)
    {
        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync();
        TaskCompletionSource<string>? waiting = null;
        listener.Notification += (_, e) => Volatile.Read(ref waiting)?.TrySetResult(e.Payload);
        await using (var listen = new NpgsqlCommand("LISTEN bench_rtt", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var stop = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await listener.WaitAsync(stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Done.
            }
        });

        await using var sender = new NpgsqlConnection(connectionString);
        await sender.OpenAsync();
        var recorder = new LatencyRecorder();
        for (var i = -10; i < samples; i++)
        {
            var arrived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref waiting, arrived);
            await using var notify = new NpgsqlCommand("SELECT pg_notify('bench_rtt', $1)", sender);
            notify.Parameters.Add(new NpgsqlParameter { Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var started = Stopwatch.GetTimestamp();
            await notify.ExecuteNonQueryAsync();
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            if (i >= 0)
            {
                recorder.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            // Spread the samples out a little, as commits arrive in a real store.
            await Task.Delay(2);
        }

        await stop.CancelAsync();
        await pump;
        return recorder;
    }

    private static async Task<long> WalSyncsAsync(string connectionString) =>
        (long)(await ScalarAsync(connectionString, "SELECT wal_sync FROM pg_stat_wal"))!;

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static NpgsqlCommand UpdateCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand("UPDATE bench_rows SET v = v + 1 WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 1 });
        return command;
    }
}
