namespace Orleans.Crm.Gateway.Demo;

/// <summary>Prints where to point a browser once the gateway listens.</summary>
public static class DemoChainBanner
{
    /// <summary>Writes the URLs to the console.</summary>
    public static void Print(WebApplication app)
    {
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"Orleans.Crm gateway listening on {url}  (health: {url}/health/ready)");
        }
    }
}
