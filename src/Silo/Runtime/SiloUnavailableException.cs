namespace Orleans.Crm.Silo.Runtime;

/// <summary>The silo does not take calls (not started, draining or stopped); the caller should try another silo.</summary>
public sealed class SiloUnavailableException(string silo, string reason)
    : Exception($"Silo {silo} is {reason} and takes no calls.")
{
    /// <summary>The silo's name.</summary>
    public string Silo { get; } = silo;
}
