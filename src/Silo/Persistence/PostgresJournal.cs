using Npgsql;
using NpgsqlTypes;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Silo.Persistence.DataProtection;

namespace Orleans.Crm.Silo.Persistence;

/// <summary>
/// The journal on PostgreSQL (<c>Sql/0005_journal.sql</c>): one round trip per append, derived rows in it. Event data
/// is sealed at rest by <paramref name="cipher"/> (<see cref="JournalSealing"/>): ids and times the derivations need
/// stay readable, everything a customer said does not.
/// </summary>
public sealed class PostgresJournal(string connectionString, DataCipher cipher) : IJournal, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);
    private readonly DataCipher _cipher = cipher ?? throw new ArgumentNullException(nameof(cipher));

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = _source.CreateCommand("SELECT crm_journal_append($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Kind).ToArray() });
        // Npgsql writes timestamptz from UTC offsets only; a clock may hand out local ones (the rules' clock in tests).
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.At.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.StoreId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Subject).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => JournalSealing.Seal(e.Data, _cipher)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _source.CreateCommand("""
            SELECT stream, sequence, kind, at, store_id, subject, data::text
            FROM crm_journal
            WHERE kind = ANY($1)
              AND ($2::text IS NULL OR store_id = $2)
              AND ($3::text IS NULL OR subject = $3)
              AND ($4::timestamptz IS NULL OR at >= $4)
              AND ($5::timestamptz IS NULL OR at < $5)
            ORDER BY at, stream, sequence
            LIMIT $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = query.Kinds.IsDefault ? Array.Empty<string>() : query.Kinds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.StoreId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Min(query.Limit, JournalQuery.MaxLimit) });
        var found = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new JournalEntry(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                Open(reader.GetString(6))));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalTask>> TasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _source.CreateCommand("""
            SELECT task_id, store_id, lead_id, rule, assignee_id, due_at, state, created_at, summary, closed_at, closed_by, note
            FROM crm_task
            WHERE ($1::text IS NULL OR store_id = $1)
              AND ($2::text IS NULL OR assignee_id = $2)
              AND ($3::text IS NULL OR state = $3)
              AND ($5::text IS NULL OR starts_with(assignee_id, $5))
            ORDER BY due_at, task_id
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.StoreId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.AssigneeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.State ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Min(query.Limit, JournalQuery.MaxLimit) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.AssigneePrefix ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var found = new List<JournalTask>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new JournalTask(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                OpenField(reader.IsDBNull(8) ? null : reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                OpenField(reader.IsDBNull(11) ? null : reader.GetString(11))));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalSearchRow>> SearchAsync(JournalSearch query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // The search rows of Sql/0007_search.sql: leads having every token, or the running number, newest first.
        await using var command = _source.CreateCommand("""
            SELECT l.lead_id, l.store_id, l.customer_id, l.running_number, l.registered_at
            FROM crm_search_lead l
            WHERE ($1::text IS NULL OR l.store_id = $1)
              AND ((cardinality($2::text[]) > 0 AND l.lead_id IN (
                        SELECT t.lead_id FROM crm_search_token t WHERE t.token = ANY($2)
                        GROUP BY t.lead_id HAVING count(*) = cardinality($2::text[])))
                   OR l.running_number = $3)
            ORDER BY l.registered_at DESC, l.lead_id
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.StoreId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Tokens.IsDefault ? Array.Empty<string>() : query.Tokens.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.RunningNumber ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Min(query.Limit, JournalSearch.MaxLimit) });
        var found = new List<JournalSearchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new JournalSearchRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<long> LastSequenceAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var command = _source.CreateCommand("SELECT coalesce(max(sequence), 0) FROM crm_journal WHERE stream = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<int> RedactLeadAsync(string leadId, Func<string, string?> redact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redact);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rewritten = new List<(string Stream, long Sequence, string Data)>();
        await using (var select = new NpgsqlCommand("""
            SELECT stream, sequence, data::text
            FROM crm_journal
            WHERE subject = $1 OR subject IN (SELECT task_id FROM crm_task WHERE lead_id = $1)
            ORDER BY stream, sequence
            FOR UPDATE
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = leadId });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (redact(Open(reader.GetString(2))) is { } data)
                {
                    rewritten.Add((reader.GetString(0), reader.GetInt64(1), JournalSealing.Seal(data, _cipher)));
                }
            }
        }

        foreach (var (stream, sequence, data) in rewritten)
        {
            // The event, and the text its derived task row copied (sealed the same way as at append).
            await using var update = new NpgsqlCommand("""
                WITH e AS (UPDATE crm_journal SET data = $3::jsonb WHERE stream = $1 AND sequence = $2 RETURNING kind, at, data)
                UPDATE crm_task t
                SET summary = CASE WHEN e.kind = 'task-opened' THEN e.data->>'Summary' ELSE t.summary END,
                    note = CASE WHEN e.kind IN ('task-done', 'task-cancelled') AND t.closed_at = e.at THEN e.data->>'Note' ELSE t.note END
                FROM e
                WHERE t.task_id = e.data->>'TaskId' AND e.kind IN ('task-opened', 'task-done', 'task-cancelled')
                """, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = stream });
            update.Parameters.Add(new NpgsqlParameter { Value = sequence });
            update.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Text });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rewritten.Count;
    }

    // A row that cannot be opened (a data key no longer configured, a changed row) fails the read with the key's name,
    // as an exception a grain call carries (reports read the journal inside the reports grain).
    private string Open(string stored)
    {
        try
        {
            return JournalSealing.Open(stored, _cipher);
        }
        catch (DataKeyException e)
        {
            throw e.ForCaller("A journal event cannot be read");
        }
    }

    private string? OpenField(string? stored)
    {
        try
        {
            return JournalSealing.OpenField(stored, _cipher);
        }
        catch (DataKeyException e)
        {
            throw e.ForCaller("A task row cannot be read");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
