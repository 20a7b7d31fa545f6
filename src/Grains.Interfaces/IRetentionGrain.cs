using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// Retention of customer data chain-wide (key 0; issue 14): its reminder anonymises leads closed more than
/// <c>Security:RetentionYears</c> ago — their archive and their journal events — working through the journal's
/// <c>lead-closed</c> events oldest first, remembering how far it got. Awaits only the lead archives (leaves).
/// </summary>
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the sweep reminder if it is not (every silo calls it at start; idempotent).</summary>
    Task StartAsync();

    /// <summary>One sweep, as the reminder runs it: anonymises what is due, at most a batch.</summary>
    Task<RetentionSweep> SweepAsync();
}
