namespace Orleans.Crm.Grains.Model;

/// <summary>
/// Where an after-sales repair stands (seed 004: feedback → assessment → scheduling → repair → customer acceptance →
/// record and callbacks). A repair the customer does not accept goes back to <see cref="Assessed"/> (to be scheduled again).
/// </summary>
[GenerateSerializer, Alias("crm.RepairState")]
public enum RepairState
{
    /// <summary>The customer's feedback is recorded; waiting for assessment.</summary>
    Reported,

    /// <summary>Nature, severity and plan are known; waiting for a technician and time (again, after a rejected repair).</summary>
    Assessed,

    /// <summary>A technician and time are set and the customer was told.</summary>
    Scheduled,

    /// <summary>The technician did the repair; waiting for the customer's acceptance.</summary>
    Repaired,

    /// <summary>The customer accepted the repair; the +3/+10/+30-day callbacks run.</summary>
    Accepted,

    /// <summary>Every callback (and every ticket and re-check a callback raised) is closed.</summary>
    Closed,
}
