using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Crm.Grains;

/// <summary>
/// What the grains decided, as instruments of the <see cref="MeterName"/> meter (exported at <c>/metrics</c>). Only
/// committed decisions count (the grains record them after their write succeeded), so a failed write counts nothing.
/// Tags carry store ids, kinds and outcomes only — never names, phones, customer or lead ids: the scrape endpoint has
/// no authentication.
/// </summary>
public sealed class CrmMetrics
{
    /// <summary>The meter of the business's own instruments (the gateway's share it).</summary>
    public const string MeterName = "Orleans.Crm";

    /// <summary><see cref="Dispatched"/> kinds: the designer is in the dispatching manager's own group.</summary>
    public const string OwnGroup = "own_group";

    /// <summary>The own group was full: a designer of another group took the lead.</summary>
    public const string CrossGroup = "cross_group";

    /// <summary>A return customer went back to their previous designer (回头客).</summary>
    public const string ReturnCustomer = "return_customer";

    /// <summary>A manager named the designer, with a reason (指定).</summary>
    public const string Override = "override";

    /// <summary><see cref="Claimed"/> outcome of a won claim (refusals use the API's refusal codes).</summary>
    public const string ClaimWon = "claimed";

    // Tag values as objects made once: a bool would be boxed on every measurement.
    private static readonly object True = "true";
    private static readonly object False = "false";

    // One process-wide meter, never disposed. A meter per host (IMeterFactory) would be disposed with its host, and
    // OpenTelemetry stops exporting every same-named instrument when one of them is disposed
    // (open-telemetry/opentelemetry-dotnet#6412): harmless with one host per process, but test processes run many.
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Dispatches = Meter.CreateCounter<long>(
        "crm.dispatches", "{dispatch}", "Leads given to a designer, by kind (own_group, cross_group, return_customer, override) and whether they came from the queue.");

    private static readonly Gauge<int> Queue = Meter.CreateGauge<int>(
        "crm.queue.length", "{lead}", "Leads waiting in a store's dispatch queue, as the silo hosting the store last wrote it (0 from a silo the store has left: sum by store).");

    private static readonly Counter<long> Claims = Meter.CreateCounter<long>(
        "crm.claims", "{claim}", "Claims of pool leads by outcome: claimed, already_claimed, daily_limit, open_limit, cooling_down; store is the claimant's.");

    private static readonly Counter<long> Signings = Meter.CreateCounter<long>(
        "crm.signings", "{signing}", "Deposits and contracts (kind) won or refused (outcome refused: the customer already belonged to another lead).");

    private static readonly Counter<long> VersionConflicts = Meter.CreateCounter<long>(
        "crm.storage.version_conflicts", "{conflict}", "Grain state writes refused by the storage's version check (another activation wrote first); the caller retries.");

    private static readonly Counter<long> ComplaintBreaches = Meter.CreateCounter<long>(
        "crm.complaint.breaches", "{breach}", "Complaint deadlines passed without their step, by store and step (reply-promised, department-notified, customer-told, checked, satisfaction-call).");

    /// <summary>A complaint deadline was marked breached (after the write).</summary>
    public void ComplaintBreached(string storeId, string step) =>
        ComplaintBreaches.Add(1, new KeyValuePair<string, object?>("store", storeId), new KeyValuePair<string, object?>("step", step));

    /// <summary>A lead was given to a designer (after the write).</summary>
    public void Dispatched(string storeId, string kind, bool fromQueue) =>
        Dispatches.Add(1, new TagList { { "store", storeId }, { "kind", kind }, { "from_queue", fromQueue ? True : False } });

    /// <summary>The store's queue as written.</summary>
    public void QueueLength(string storeId, int length) =>
        Queue.Record(length, new KeyValuePair<string, object?>("store", storeId));

    /// <summary>A claim was decided: <see cref="ClaimWon"/> or a refusal code.</summary>
    public void Claimed(string storeId, string outcome) =>
        Claims.Add(1, new KeyValuePair<string, object?>("store", storeId), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A deposit or contract was won or refused.</summary>
    public void Signed(string storeId, bool contract, bool won) =>
        Signings.Add(1, new TagList { { "store", storeId }, { "kind", contract ? "contract" : "deposit" }, { "outcome", won ? "won" : "refused" } });

    /// <summary>A grain's state write lost the version check.</summary>
    public void VersionConflict(string grain) =>
        VersionConflicts.Add(1, new KeyValuePair<string, object?>("grain", grain));
}
