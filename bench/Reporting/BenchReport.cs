using Orleans.Crm.Bench.Infrastructure;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>
/// Everything a run found: the table rows, per-scenario notes, and the figures of the "where the time goes" section
/// (the latency ladder from one durable UPDATE to a command under load, and what each acknowledged command cost
/// PostgreSQL and the CPU).
/// </summary>
public sealed class BenchReport
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<(string Scenario, string Text)> _notes = [];
    private readonly List<LadderStep> _ladder = [];
    private readonly List<CommandCost> _costs = [];
    private readonly List<(string Label, string Table)> _states = [];
    private readonly Lock _lock = new();

    /// <summary>The rows in the order they were added.</summary>
    public IReadOnlyList<ResultRow> Rows
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows];
            }
        }
    }

    /// <summary>The notes in the order they were added.</summary>
    public IReadOnlyList<(string Scenario, string Text)> Notes
    {
        get
        {
            lock (_lock)
            {
                return [.. _notes];
            }
        }
    }

    /// <summary>The latency ladder, in the order the steps were measured.</summary>
    public IReadOnlyList<LadderStep> Ladder
    {
        get
        {
            lock (_lock)
            {
                return [.. _ladder];
            }
        }
    }

    /// <summary>What acknowledged commands cost, per measured window.</summary>
    public IReadOnlyList<CommandCost> Costs
    {
        get
        {
            lock (_lock)
            {
                return [.. _costs];
            }
        }
    }

    /// <summary>Grain state sizes and serializer times, per database.</summary>
    public IReadOnlyList<(string Label, string Table)> States
    {
        get
        {
            lock (_lock)
            {
                return [.. _states];
            }
        }
    }

    /// <summary>Adds a row and echoes it to the console so a long run shows progress.</summary>
    public void Add(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_lock)
        {
            _rows.Add(row);
        }

        Console.WriteLine($"    {row.Metric}: {row.Value} {row.RatioText} {row.Verdict}".TrimEnd());
    }

    /// <summary>Adds a note (Markdown) for the report.</summary>
    public void Note(string scenario, string text)
    {
        lock (_lock)
        {
            _notes.Add((scenario, text));
        }
    }

    /// <summary>
    /// Adds a step of the latency ladder (a p50 measured somewhere on the way from SQL to the user); <paramref name="over"/>
    /// names (by prefix) the earlier step it builds on, whose p50 it is compared with.
    /// </summary>
    public void Step(string step, double p50, string path, string? over = null)
    {
        lock (_lock)
        {
            _ladder.Add(new LadderStep(step, p50, path, over is null ? null : _ladder.LastOrDefault(s => s.Step.StartsWith(over, StringComparison.Ordinal))));
        }
    }

    /// <summary>Adds what a measured window's acknowledged commands cost.</summary>
    public void Cost(CommandCost cost)
    {
        lock (_lock)
        {
            _costs.Add(cost);
        }
    }

    /// <summary>Adds a table of grain state sizes and serializer times.</summary>
    public void AddStates(string label, string table)
    {
        lock (_lock)
        {
            _states.Add((label, table));
        }
    }
}

/// <summary>One step of the latency ladder: a p50, the path it measured, and the step it builds on.</summary>
public sealed record LadderStep(string Step, double P50, string Path, LadderStep? Over);

/// <summary>
/// What the acknowledged commands of one measured window cost: PostgreSQL statements (from pg_stat_statements) and,
/// when sampled, CPU of the whole box.
/// </summary>
/// <param name="Label">Which run.</param>
/// <param name="Commands">Acknowledged commands (or grain writes) in the window.</param>
/// <param name="Statements">What PostgreSQL executed in the window.</param>
/// <param name="CpuMsPerCommand">CPU per command of the run's own processes (PostgreSQL, silos, gateway, bench), if sampled.</param>
/// <param name="Seconds">The window's length.</param>
public sealed record CommandCost(string Label, long Commands, StatementSummary Statements, double? CpuMsPerCommand, double Seconds);
