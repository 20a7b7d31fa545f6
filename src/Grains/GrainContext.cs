using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains.Journal;

namespace Orleans.Crm.Grains;

/// <summary>What every deciding grain is given besides its state: bounds, the rules' clock, metrics, the journal and the customer identity.</summary>
public sealed class GrainContext(IOptions<GrainOptions> options, RulesClock clock, CrmMetrics metrics, IJournal journal, ILoggerFactory loggers, CustomerIdentity identity)
{
    public IOptions<GrainOptions> Options { get; } = options;

    public RulesClock Clock { get; } = clock;

    public CrmMetrics Metrics { get; } = metrics;

    public IJournal Journal { get; } = journal;

    /// <summary>Derives customer ids from phones (keyed: <c>Security:IdentityKey</c>).</summary>
    public CustomerIdentity Identity { get; } = identity;

    public ILogger Logger { get; } = loggers.CreateLogger("Orleans.Crm.Grains.Journal");
}
