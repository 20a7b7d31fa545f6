using System.Diagnostics;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>The CRM's own spans: one per command a gateway runs, tagged with the command id and the store.</summary>
public static class CrmTracing
{
    /// <summary>The activity source's name (the meter of the business metrics has the same).</summary>
    public const string SourceName = "Orleans.Crm";

    /// <summary>The span attribute with the client's command id.</summary>
    public const string CommandIdTag = "crm.command_id";

    /// <summary>The span attribute with the store that decides the command (absent for the pool's own commands).</summary>
    public const string StoreTag = "crm.store";

    /// <summary>The span attribute with the operation (dispatch, deposit, claim …).</summary>
    public const string OperationTag = "crm.operation";

    /// <summary>Starts spans only while a tracer provider listens (OTLP configured, or a test's exporter).</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
