using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Orleans.Crm.Bench.Grains;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.State;
using Microsoft.Extensions.Configuration;
using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Silo.Persistence.DataProtection;
using Orleans.Crm.Testing;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// What one grain write carries: per state name, the rows in <c>crm_grain_state</c>, their payload sizes (each write
/// sends the whole state), and the time the project's state serializer takes to write and read the largest rows —
/// measured here in the bench process, on the rows the run left behind, with the same serializer the silos use: the
/// JSON state serializer inside the encrypting one (AES-256-GCM under the data keys every bench process is given).
/// </summary>
public static class StateCosts
{
    private const int Repetitions = 50;
    private const int Samples = 5;

    /// <summary>A Markdown table of the grain state rows of <paramref name="connectionString"/>.</summary>
    public static async Task<string> TableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sizes = new List<(string State, long Rows, double Average, long Max)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT state_name, count(*), coalesce(avg(octet_length(payload)), 0)::float8, coalesce(max(octet_length(payload)), 0)
            FROM crm_grain_state GROUP BY state_name ORDER BY 4 DESC
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sizes.Add((reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3)));
            }
        }

        var text = new StringBuilder();
        text.AppendLine("| state | rows | mean payload | largest payload | serialize + seal (largest rows) | open + deserialize (largest rows) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (state, rows, average, max) in sizes)
        {
            var (serialize, deserialize) = await TimeAsync(connection, state);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {state} | {rows} | {average / 1024:0.0} KiB | {max / 1024.0:0.0} KiB | {Micro(serialize)} | {Micro(deserialize)} |");
        }

        return text.ToString();
    }

    private static string Micro(double? microseconds) => microseconds is { } us ? $"{us:0} µs" : "n/a";

    // Serialize and deserialize the largest rows of a state name with its state type, Repetitions times each (after a
    // warm-up): the CPU one write (serialize) and one activation (deserialize) spend on it.
    private static async Task<(double? Serialize, double? Deserialize)> TimeAsync(NpgsqlConnection connection, string state)
    {
        return state switch
        {
            CrmStorage.Store => await TimeAsync<StoreState>(connection, state),
            CrmStorage.Customer => await TimeAsync<CustomerState>(connection, state),
            CrmStorage.Pool => await TimeAsync<PoolState>(connection, state),
            CrmStorage.Lead => await TimeAsync<ArchivedLeadState>(connection, state),
            CrmStorage.Designer or CrmStorage.Manager => await TimeAsync<DirectoryEntryState>(connection, state),
            FloorGrain.StateName => await TimeAsync<FloorState>(connection, state),
            _ => (null, null),
        };
    }

    /// <summary>The cipher the bench's silos and gateways build from their data keys (<see cref="ProductionSecrets"/>).</summary>
    private static DataCipher BenchCipher()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(ProductionSecrets.Environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        var settings = new DataKeySettings();
        configuration.GetSection(DataKeySettings.Section).Bind(settings);
        return settings.ToCipher();
    }

    private static async Task<(double?, double?)> TimeAsync<T>(NpgsqlConnection connection, string state)
    {
        var payloads = new List<byte[]>();
        await using (var command = new NpgsqlCommand(
            "SELECT payload FROM crm_grain_state WHERE state_name = $1 AND payload IS NOT NULL ORDER BY octet_length(payload) DESC LIMIT $2", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Samples });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                payloads.Add((byte[])reader[0]);
            }
        }

        if (payloads.Count == 0)
        {
            return (null, null);
        }

        using var cipher = BenchCipher();
        var serializer = new EncryptingStateSerializer(CrmStateSerializer.Instance, cipher);
        List<T> states;
        try
        {
            states = [.. payloads.Select(p => serializer.Deserialize<T>(new BinaryData(p)))];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or DataKeyException)
        {
            // A row this build cannot read (another contract version): sizes only.
            return (null, null);
        }

        foreach (var value in states)
        {
            serializer.Serialize(value);
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Repetitions; i++)
        {
            foreach (var value in states)
            {
                serializer.Serialize(value);
            }
        }

        var serialize = Stopwatch.GetElapsedTime(started).TotalMicroseconds / (Repetitions * states.Count);
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Repetitions; i++)
        {
            foreach (var payload in payloads)
            {
                serializer.Deserialize<T>(new BinaryData(payload));
            }
        }

        var deserialize = Stopwatch.GetElapsedTime(started).TotalMicroseconds / (Repetitions * payloads.Count);
        return (serialize, deserialize);
    }
}
