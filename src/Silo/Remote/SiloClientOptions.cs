namespace Orleans.Crm.Silo.Remote;

/// <summary>Split mode: the silos a gateway calls (<c>Silo:Endpoints</c>, e.g. the Kubernetes Service URL).</summary>
public sealed class SiloClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Silo";

    /// <summary>Base URLs of silos; any silo may serve any call. Empty = co-hosted silo in this process.</summary>
    public IList<string> Endpoints { get; } = [];

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many attempts a call gets across the silos before it fails (same command id each time).</summary>
    public int Attempts { get; set; } = 6;
}
