using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Silo;

/// <summary>A silo on its own (split mode): grains, reminders and health. Gateways reach it over HTTP.</summary>
public static class SiloProgram
{
    /// <summary>The silo process's entry point.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCrmSilo(builder.Configuration);

        var app = builder.Build();
        app.MapCrmHealth();
        app.Run();
    }
}
