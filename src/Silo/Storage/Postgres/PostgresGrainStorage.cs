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
        // Opening may fail before anything is sent: that is a plain failure, nothing can have committed.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT crm_commit($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::jsonb, $6)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = request.CommandId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)request.ResultJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = CommitJson.Rows(request.Rows), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = CommitJson.Events(request.Events), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = CommitJson.Reminders(request.Reminders), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)faults?.FailAfterRows ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) switch
            {
                "committed" => CommitOutcome.Committed,
                "duplicate" => CommitOutcome.DuplicateCommand,
                var other => throw new InvalidOperationException($"crm_commit answered '{other}'."),
            };
        }
        catch (PostgresException e) when (e.SqlState is "CR001" or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation)
        {
            // A version check failed (or two first writes of one new grain raced): nothing was written.
            return CommitOutcome.Conflict;
        }
        catch (PostgresException e) when (e.SqlState == "CR002")
        {
            throw new InvalidOperationException(e.MessageText, e);
        }
        catch (Exception e) when (e is NpgsqlException { InnerException: IOException or TimeoutException } or NpgsqlException { IsTransient: true } or IOException or TimeoutException)
        {
            // The statement may have committed before the connection failed: the command record will tell.
            throw new CommitOutcomeUnknownException(request.CommandId, e);
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
}
