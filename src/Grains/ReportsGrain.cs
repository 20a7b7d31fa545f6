using Orleans.Concurrency;
using Orleans.Crm.Grains.Journal;

namespace Orleans.Crm.Grains;

/// <summary>Answers reports from the journal; holds no state, so Orleans runs it wherever it is called.</summary>
[StatelessWorker]
public sealed class ReportsGrain(IJournal journal) : Grain, IReportsGrain
{
    /// <inheritdoc />
    public async Task<int> CountStoreEventsAsync(string storeId, string kind) =>
        (await journal.ReadAsync(new JournalQuery([kind], StoreId: storeId))).Count;
}
