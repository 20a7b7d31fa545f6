namespace Orleans.Crm.Runtime;

/// <summary>Hands out location-transparent references to grains, as Orleans's <c>IGrainFactory</c> does.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrain"/> with this key; the activation is created on first call.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : class;
}
