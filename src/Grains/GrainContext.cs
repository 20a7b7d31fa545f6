using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains.Journal;

namespace Orleans.Crm.Grains;

/// <summary>What every deciding grain is given besides its state: bounds, the rules' clock, metrics and the journal.</summary>
public sealed class GrainContext(IOptions<GrainOptions> options, RulesClock clock, CrmMetrics metrics, IJournal journal, ILoggerFactory loggers)
{
    public IOptions<GrainOptions> Options { get; } = options;

    public RulesClock Clock { get; } = clock;

    public CrmMetrics Metrics { get; } = metrics;

    public IJournal Journal { get; } = journal;

    public ILogger Logger { get; } = loggers.CreateLogger("Orleans.Crm.Grains.Journal");
}
