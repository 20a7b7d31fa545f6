namespace Orleans.Crm.Gateway.Demo;

/// <summary>Seeds the demo chain in the one-command local run. (Owned by the board work.)</summary>
public static class DemoChain
{
    /// <summary>Registers the seeding when <c>Demo:Seed</c> is true.</summary>
    public static IServiceCollection AddDemoChain(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
