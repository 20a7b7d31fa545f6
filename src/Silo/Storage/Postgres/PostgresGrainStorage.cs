using Npgsql;
using NpgsqlTypes;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Storage.Postgres;

/// <summary>
/// PostgreSQL storage: versioned state rows, command records, the outbox with per-stream sequences and
/// NOTIFY, and reminders leased with <c>FOR UPDATE SKIP LOCKED</c>. PostgreSQL arbitrates every race.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, PostgresOutboxListener listener, CommitFaultInjector? faults = null)
    : IGrainStorage
{
    /// <summary>The NOTIFY channel on which commits announce streams with new events.</summary>
    public const string NotifyChannel = "crm_outbox";

    /// <inheritdoc />
    public event Action<string?>? Changed
    {
        add => listener.Changed += value;
        remove => listener.Changed -= value;
    }

    /// <inheritdoc />
    public string Name => "postgres";

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(dataSource, cancellationToken);

    /// <inheritdoc />
    public async Task<StoredRow> ReadAsync(RowKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version, state::text FROM crm_grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = key.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = key.Key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredRow(reader.GetInt64(0), reader.GetString(1))
            : StoredRow.Absent;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RowKey>> FindStaleAsync(IReadOnlyList<(RowKey Key, long Version)> rows, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT k.t, k.k FROM unnest($1::text[], $2::text[], $3::bigint[]) AS k(t, k, v)
            LEFT JOIN crm_grain_state s ON s.grain_type = k.t AND s.grain_key = k.k
            WHERE coalesce(s.version, 0) <> k.v
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        var stale = new List<RowKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stale.Add(new RowKey(reader.GetString(0), reader.GetString(1)));
        }

        return stale;
    }

    /// <inheritdoc />
    public async Task<CommitOutcome> CommitAsync(CommitRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The command row first: a concurrent duplicate blocks on its unique key until we finish, then finds it.
            var recorded = await ExecuteAsync(
                connection,
                "INSERT INTO crm_commands (command_id, result) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING",
                cancellationToken,
                request.CommandId,
                (object?)request.ResultJson ?? DBNull.Value).ConfigureAwait(false);
            if (recorded == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return CommitOutcome.DuplicateCommand;
            }

            var written = 0;
            foreach (var row in request.Rows.OrderBy(r => r.Key))
            {
                if (!await CheckAndWriteAsync(connection, row, cancellationToken).ConfigureAwait(false))
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    return CommitOutcome.Conflict;
                }

                if (row.IsWrite && faults?.AfterRowWritten is { } hook)
                {
                    await hook(row.Key, written).ConfigureAwait(false);
                }

                written += row.IsWrite ? 1 : 0;
            }

            await AppendEventsAsync(connection, request.Events, cancellationToken).ConfigureAwait(false);
            await ApplyRemindersAsync(connection, request.Reminders, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            return CommitOutcome.Conflict;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two first writes of the same new grain, or of the same stream counter: the loser reloads.
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            return CommitOutcome.Conflict;
        }

        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            throw new CommitOutcomeUnknownException(request.CommandId, e);
        }

        return CommitOutcome.Committed;
    }

    private static async Task<bool> CheckAndWriteAsync(NpgsqlConnection connection, RowChange row, CancellationToken cancellationToken)
    {
        if (row.IsWrite && row.ReadVersion == 0)
        {
            return await ExecuteAsync(
                connection,
                "INSERT INTO crm_grain_state (grain_type, grain_key, version, state) VALUES ($1, $2, 1, $3::jsonb) ON CONFLICT DO NOTHING",
                cancellationToken,
                row.Key.Type,
                row.Key.Key,
                row.NewJson!).ConfigureAwait(false) == 1;
        }

        if (row.IsWrite)
        {
            return await ExecuteAsync(
                connection,
                "UPDATE crm_grain_state SET version = version + 1, state = $3::jsonb, updated_at = now() WHERE grain_type = $1 AND grain_key = $2 AND version = $4",
                cancellationToken,
                row.Key.Type,
                row.Key.Key,
                row.NewJson!,
                row.ReadVersion).ConfigureAwait(false) == 1;
        }

        // A row only read: it must still be at the version read, and stay so until we commit.
        await using var check = new NpgsqlCommand(
            row.ReadVersion == 0
                ? "SELECT count(*) FROM crm_grain_state WHERE grain_type = $1 AND grain_key = $2"
                : "SELECT count(*) FROM (SELECT 1 FROM crm_grain_state WHERE grain_type = $1 AND grain_key = $2 AND version = $3 FOR SHARE) AS locked",
            connection);
        check.Parameters.Add(new NpgsqlParameter { Value = row.Key.Type });
        check.Parameters.Add(new NpgsqlParameter { Value = row.Key.Key });
        if (row.ReadVersion != 0)
        {
            check.Parameters.Add(new NpgsqlParameter { Value = row.ReadVersion });
        }

        var count = (long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return row.ReadVersion == 0 ? count == 0 : count == 1;
    }

    private static async Task AppendEventsAsync(NpgsqlConnection connection, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        foreach (var group in events.GroupBy(e => e.Stream, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var batch = group.ToList();
            await using var counter = new NpgsqlCommand(
                "INSERT INTO crm_streams (stream, last_sequence) VALUES ($1, $2) ON CONFLICT (stream) DO UPDATE SET last_sequence = crm_streams.last_sequence + EXCLUDED.last_sequence RETURNING last_sequence",
                connection);
            counter.Parameters.Add(new NpgsqlParameter { Value = group.Key });
            counter.Parameters.Add(new NpgsqlParameter { Value = (long)batch.Count });
            var last = (long)(await counter.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

            await using var insert = new NpgsqlCommand(
                "INSERT INTO crm_outbox (stream, sequence, event_type, payload) SELECT $1, s, t, p::jsonb FROM unnest($2::bigint[], $3::text[], $4::text[]) AS e(s, t, p)",
                connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Key });
            insert.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, batch.Count).Select(i => last - batch.Count + 1 + i).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Type).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Payload).ToArray() });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            await ExecuteAsync(connection, "SELECT pg_notify($1, $2)", cancellationToken, NotifyChannel, group.Key).ConfigureAwait(false);
        }
    }

    private static async Task ApplyRemindersAsync(NpgsqlConnection connection, IReadOnlyList<ReminderChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case ReminderChangeKind.Set:
                    await ExecuteAsync(
                        connection,
                        """
                        INSERT INTO crm_reminders (grain_type, grain_key, name, due_at, payload) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (grain_type, grain_key, name)
                        DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, lease_owner = NULL, lease_until = NULL
                        """,
                        cancellationToken,
                        change.GrainType,
                        change.GrainKey,
                        change.Name,
                        change.DueAt,
                        (object?)change.Payload ?? DBNull.Value).ConfigureAwait(false);
                    break;
                case ReminderChangeKind.Cancel:
                    await ExecuteAsync(
                        connection,
                        "DELETE FROM crm_reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3",
                        cancellationToken,
                        change.GrainType,
                        change.GrainKey,
                        change.Name).ConfigureAwait(false);
                    break;
                case ReminderChangeKind.Acknowledge:
                    await ExecuteAsync(
                        connection,
                        "DELETE FROM crm_reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND due_at = $4",
                        cancellationToken,
                        change.GrainType,
                        change.GrainKey,
                        change.Name,
                        change.DueAt).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <inheritdoc />
    public async Task<CommandRecord?> FindCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT result::text, committed_at FROM crm_commands WHERE command_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = commandId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new CommandRecord(commandId, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT sequence, event_type, payload::text, committed_at FROM crm_outbox WHERE stream = $1 AND sequence > $2 ORDER BY sequence LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        var events = new List<OutboxEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new OutboxEvent(stream, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return events;
    }

    /// <inheritdoc />
    public async Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT last_sequence FROM crm_streams WHERE stream = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long last ? last : 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueReminder>> ClaimDueRemindersAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE crm_reminders r SET lease_owner = $1, lease_until = $3
            FROM (SELECT grain_type, grain_key, name FROM crm_reminders
                  WHERE due_at <= $2 AND (lease_until IS NULL OR lease_until < $2)
                  ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) d
            WHERE r.grain_type = d.grain_type AND r.grain_key = d.grain_key AND r.name = d.name
            RETURNING r.grain_type, r.grain_key, r.name, r.due_at, r.payload
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now + lease });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        var due = new List<DueReminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DueReminder(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return due;
    }

    /// <inheritdoc />
    public async Task ReleaseRemindersAsync(string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE crm_reminders SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PruneCommandsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM crm_commands WHERE committed_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = before });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return false;
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(value is DateTimeOffset instant
                ? new NpgsqlParameter { Value = instant, NpgsqlDbType = NpgsqlDbType.TimestampTz }
                : new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
