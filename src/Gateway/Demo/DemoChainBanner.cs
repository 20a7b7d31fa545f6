namespace Orleans.Crm.Gateway.Demo;

/// <summary>Prints where to point a browser once the gateway listens.</summary>
public static class DemoChainBanner
{
    /// <summary>Writes the gateway URL and, when the demo chain is seeded, its display and console URLs.</summary>
    public static void Print(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"Orleans.Crm gateway listening on {url}  (health: {url}/health/ready)");
        }

        var baseUrl = app.Urls.FirstOrDefault()?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal);
        if (baseUrl is null)
        {
            return;
        }

        Console.WriteLine($"  Staff console 员工控制台: {baseUrl}/console");
        Console.WriteLine($"  Orleans Dashboard 仪表盘 (hq): {baseUrl}/dashboard");
        if (!DemoChain.IsEnabled(app.Configuration))
        {
            return;
        }

        foreach (var (id, name) in DemoChain.Stores)
        {
            Console.WriteLine($"  Wall display 大屏 {name}: {baseUrl}/display/{id}");
        }
    }
}
