namespace Orleans.Crm.Silo.Hosting;

/// <summary>Set when the process begins to shut down; readiness reports unhealthy from then on.</summary>
public sealed class SiloReadiness
{
    private volatile bool _draining;

    /// <summary>True once shutdown has begun.</summary>
    public bool IsDraining => _draining;

    /// <summary>Marks the process as draining.</summary>
    public void MarkDraining() => _draining = true;
}
