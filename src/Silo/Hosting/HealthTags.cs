namespace Orleans.Crm.Silo.Hosting;

/// <summary>Health check tags.</summary>
public static class HealthTags
{
    /// <summary>Checks that say the process is alive.</summary>
    public const string Live = "live";

    /// <summary>Checks that say the process can take traffic.</summary>
    public const string Ready = "ready";

    /// <summary>The liveness check's name.</summary>
    public const string Process = "process";
}
