using Orleans.Crm.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Co-hosted: the gateway runs a silo in this process (in-memory storage unless configured otherwise).
builder.Services.AddCrmSilo(builder.Configuration);

var app = builder.Build();
app.MapCrmHealth();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"Orleans.Crm gateway listening on {url} (health: {url}/health/ready)");
    }
});
app.Run();

/// <summary>The gateway's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
