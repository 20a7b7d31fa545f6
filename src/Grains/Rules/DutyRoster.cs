using System.Collections.Frozen;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// A store's ground-floor duty rotation (轮班轮单制, 一轮一天一楼值班; DOMAIN §3).
/// Pure and deterministic: every process with the same configuration computes the same on-duty
/// manager for a date, in constant time per date, however far from the anchor.
/// </summary>
/// <remarks>
/// <para>Turn counting: the anchor is the first open day on or after <see cref="RotationStart"/>; it is
/// turn 0, served nominally by <c>Rotation[0]</c>. Turn N (N = open days between anchor and date) is
/// nominally <c>Rotation[N mod count]</c>. Rest days use no turn.</para>
/// <para>Dates before the anchor count backwards with a floored modulo, so the open day just before the
/// anchor is turn -1, nominally the last manager of the rotation. That keeps the cycle continuous
/// instead of inventing a second rule for history.</para>
/// <para>Leave changes only who serves that day: the turn passes to the next manager in order who is
/// not on leave, and nobody's nominal place on following days moves.</para>
/// <para>An override always wins, on open and rest days alike, even over the named manager's leave:
/// it is a supervisor's explicit decision for that date.</para>
/// </remarks>
public sealed class DutyRoster
{
    private readonly string[] _rotation;
    private readonly bool[] _isRestDay = new bool[7];
    private readonly int _openDaysPerWeek;
    private readonly int? _anchorDayNumber;
    private readonly FrozenDictionary<string, FrozenSet<DateOnly>> _leave;
    private readonly FrozenDictionary<DateOnly, string> _overrides;

    /// <summary>The default weekly rest day (每周一公休日).</summary>
    public static IReadOnlySet<DayOfWeek> DefaultRestDays { get; } = new HashSet<DayOfWeek> { DayOfWeek.Monday }.ToFrozenSet();

    /// <param name="rotation">Manager ids in duty order; no duplicates. May be empty (then only overrides apply).</param>
    /// <param name="rotationStart">Anchor date; the first open day on or after it is turn 0.</param>
    /// <param name="restDays">Weekly rest days; null means the default (Monday); empty means open every day.</param>
    /// <param name="leave">Days each manager is on leave.</param>
    /// <param name="overrides">Supervisor-assigned on-duty manager per date.</param>
    public DutyRoster(
        IEnumerable<string> rotation,
        DateOnly rotationStart,
        IEnumerable<DayOfWeek>? restDays = null,
        IReadOnlyDictionary<string, IReadOnlySet<DateOnly>>? leave = null,
        IReadOnlyDictionary<DateOnly, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        _rotation = [.. rotation];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var managerId in _rotation)
        {
            if (string.IsNullOrWhiteSpace(managerId))
            {
                throw new ArgumentException("Rotation contains an empty manager id.", nameof(rotation));
            }

            if (!seen.Add(managerId))
            {
                throw new ArgumentException($"Manager '{managerId}' appears twice in the rotation.", nameof(rotation));
            }
        }

        RotationStart = rotationStart;
        foreach (var day in restDays ?? DefaultRestDays)
        {
            if (day is < DayOfWeek.Sunday or > DayOfWeek.Saturday)
            {
                throw new ArgumentOutOfRangeException(nameof(restDays), day, "Not a day of the week.");
            }

            _isRestDay[(int)day] = true;
        }

        _openDaysPerWeek = _isRestDay.Count(rest => !rest);
        RestDays = Enum.GetValues<DayOfWeek>().Where(d => _isRestDay[(int)d]).ToFrozenSet();

        _leave = (leave ?? new Dictionary<string, IReadOnlySet<DateOnly>>())
            .ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet(), StringComparer.Ordinal);
        _overrides = (overrides ?? new Dictionary<DateOnly, string>()).ToFrozenDictionary();
        if (_overrides.Any(kv => string.IsNullOrWhiteSpace(kv.Value)))
        {
            throw new ArgumentException("An override must name a manager.", nameof(overrides));
        }

        if (_openDaysPerWeek > 0)
        {
            var anchor = rotationStart;
            while (IsRestDay(anchor))
            {
                anchor = anchor.AddDays(1);
            }

            _anchorDayNumber = anchor.DayNumber;
        }
    }

    public IReadOnlyList<string> Rotation => _rotation;

    public DateOnly RotationStart { get; }

    public IReadOnlySet<DayOfWeek> RestDays { get; }

    /// <summary>The first open day on or after <see cref="RotationStart"/>; null when every day is a rest day.</summary>
    public DateOnly? Anchor => _anchorDayNumber is { } n ? DateOnly.FromDayNumber(n) : null;

    public bool IsRestDay(DateOnly date) => _isRestDay[(int)date.DayOfWeek];

    public bool IsOnLeave(string managerId, DateOnly date) =>
        _leave.TryGetValue(managerId, out var days) && days.Contains(date);

    /// <summary>The manager on duty that store-local date, or null when nobody is.</summary>
    public string? OnDuty(DateOnly date) => Explain(date).OnDutyManagerId;

    /// <summary>
    /// Open-day turn number of <paramref name="date"/> relative to the anchor (negative before it);
    /// null on a rest day or when the store has no open days.
    /// </summary>
    public long? TurnNumber(DateOnly date)
    {
        if (_anchorDayNumber is not { } anchor || IsRestDay(date))
        {
            return null;
        }

        return OpenDaysBefore(date.DayNumber) - OpenDaysBefore(anchor);
    }

    /// <summary>Who is on duty and why, for the dispatch board and for audits.</summary>
    public DutyExplanation Explain(DateOnly date)
    {
        var restDay = IsRestDay(date);
        var turn = TurnNumber(date);
        string? nominal = null;
        var skipped = new List<string>();

        if (turn is { } n && _rotation.Length > 0)
        {
            var start = (int)FloorMod(n, _rotation.Length);
            nominal = _rotation[start];
            for (var i = 0; i < _rotation.Length; i++)
            {
                var candidate = _rotation[(start + i) % _rotation.Length];
                if (!IsOnLeave(candidate, date))
                {
                    break;
                }

                skipped.Add(candidate);
            }
        }

        if (_overrides.TryGetValue(date, out var overridden))
        {
            return new DutyExplanation(date, restDay, turn, nominal, overridden, true, [],
                $"Supervisor override: {overridden} is on duty{(restDay ? " on a rest day" : string.Empty)}.");
        }

        if (restDay)
        {
            return new DutyExplanation(date, true, null, null, null, false, [], "Rest day with no override: nobody is on duty.");
        }

        if (nominal is null)
        {
            var why = _rotation.Length == 0 ? "The rotation is empty: nobody is on duty." : "The store has no open days.";
            return new DutyExplanation(date, false, turn, null, null, false, [], why);
        }

        if (skipped.Count == _rotation.Length)
        {
            return new DutyExplanation(date, false, turn, nominal, null, false, skipped,
                "Every manager in the rotation is on leave: nobody is on duty.");
        }

        var actual = _rotation[(int)((FloorMod(turn!.Value, _rotation.Length) + skipped.Count) % _rotation.Length)];
        var reason = skipped.Count == 0
            ? $"Turn {turn} of the rotation: {actual}."
            : $"Turn {turn} belongs to {nominal}; on leave: {string.Join(", ", skipped)}; passed to {actual}.";
        return new DutyExplanation(date, false, turn, nominal, actual, false, skipped, reason);
    }

    // Open days with a day number in [0, dayNumber). Day number 0 (0001-01-01) is a Monday, so a
    // day number's weekday is fixed arithmetic, and whole weeks contribute a constant.
    private long OpenDaysBefore(int dayNumber)
    {
        var weeks = dayNumber / 7;
        long count = (long)weeks * _openDaysPerWeek;
        for (var d = weeks * 7; d < dayNumber; d++)
        {
            if (!_isRestDay[(int)DateOnly.FromDayNumber(d).DayOfWeek])
            {
                count++;
            }
        }

        return count;
    }

    private static long FloorMod(long value, int modulus)
    {
        var r = value % modulus;
        return r < 0 ? r + modulus : r;
    }
}
