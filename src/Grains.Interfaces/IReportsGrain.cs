namespace Orleans.Crm.Grains;

/// <summary>
/// Reports and lists across grains and time, read from the journal (DESIGN rule 9), never by calling the deciding
/// grains. A stateless worker: any silo answers, several at once; use key 0.
/// </summary>
public interface IReportsGrain : IGrainWithIntegerKey
{
    /// <summary>How many journal events the store has (a cheap probe that the journal answers).</summary>
    Task<int> CountStoreEventsAsync(string storeId, string kind);
}
