namespace Orleans.Crm.Grains;

/// <summary>
/// The clock the rules read ("today", the three-day rule, pool protection). A type of its own rather than the process's
/// <see cref="TimeProvider"/>: Orleans times membership and messaging with that one, and tests move this clock by days.
/// </summary>
public sealed class RulesClock(TimeProvider time)
{
    public static RulesClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
