namespace Orleans.Crm.Bench.Grains;

/// <summary>
/// The grain-write floor: a trivial grain whose one command is a single persisted write through the CRM's own grain
/// storage (the ADO.NET provider named <c>crm</c> on the project's PostgreSQL scripts). It lives in the bench, never in
/// the production assemblies, and only the bench's in-process silos host it.
/// </summary>
public interface IFloorGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the counter and writes the state; answers once the write is durable.</summary>
    Task<long> WriteAsync();

    /// <summary>Answers from memory: the messaging cost of a call, without storage.</summary>
    Task<long> PingAsync();
}
