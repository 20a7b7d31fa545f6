using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Grains.Reports;

/// <summary>The counts of one period of the HQ report, added up while the journal is read.</summary>
internal sealed class HqTally
{
    private readonly Dictionary<string, int> _dispatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _breaches = new(StringComparer.Ordinal);

    public int Leads { get; private set; }

    public int Measured { get; private set; }

    public int Deposits { get; private set; }

    public int Contracts { get; private set; }

    public decimal ContractAmount { get; private set; }

    public int Lost { get; private set; }

    public int Invalid { get; private set; }

    public int Complaints { get; set; }

    public void Dispatch(string kind) => _dispatches[kind] = _dispatches.GetValueOrDefault(kind) + 1;

    public void Close(LeadStatus status, string reason)
    {
        if (status == LeadStatus.Invalid)
        {
            Invalid++;
        }
        else if (status == LeadStatus.Lost)
        {
            Lost++;
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }
    }

    public void Breach(string step) => _breaches[step] = _breaches.GetValueOrDefault(step) + 1;

    public void Lead(HqLead lead)
    {
        Leads++;
        Measured += lead.Measured ? 1 : 0;
        Deposits += lead.Deposit ? 1 : 0;
        Contracts += lead.Contract ? 1 : 0;
        ContractAmount += lead.Amount;
    }

    public void Add(HqTally other)
    {
        Leads += other.Leads;
        Measured += other.Measured;
        Deposits += other.Deposits;
        Contracts += other.Contracts;
        ContractAmount += other.ContractAmount;
        Lost += other.Lost;
        Invalid += other.Invalid;
        Complaints += other.Complaints;
        Merge(_dispatches, other._dispatches);
        Merge(_reasons, other._reasons);
        Merge(_breaches, other._breaches);
    }

    public HqFigures Figures() => new(
        Leads,
        _dispatches.Values.Sum(),
        [.. DispatchKinds.All.Select(k => new HqKindCount(k, _dispatches.GetValueOrDefault(k)))],
        Measured,
        Deposits,
        Contracts,
        ContractAmount,
        Rate(Measured),
        Rate(Deposits),
        Rate(Contracts),
        Lost,
        Invalid,
        [.. _reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => new ReasonCount(r.Key, r.Value))],
        Complaints,
        _breaches.Values.Sum(),
        [.. ComplaintSteps.All.Where(_breaches.ContainsKey).Select(s => new StepCount(s, _breaches[s]))]);

    /// <summary>The weeks and their total.</summary>
    public static HqSeries Series(ImmutableArray<StoreWeek> weeks, HqTally[] tallies)
    {
        var total = new HqTally();
        foreach (var tally in tallies)
        {
            total.Add(tally);
        }

        return new HqSeries(total.Figures(), [.. weeks.Select((w, i) => new HqWeek(w.Week, w.Monday, tallies[i].Figures()))]);
    }

    private double Rate(int count) => Leads == 0 ? 0 : Math.Round(100.0 * count / Leads, 1, MidpointRounding.AwayFromZero);

    private static void Merge(Dictionary<string, int> into, Dictionary<string, int> from)
    {
        foreach (var (key, count) in from)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }
}
