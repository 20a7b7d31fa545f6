using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Silo.Remote;

namespace Orleans.Crm.Silo;

/// <summary>A silo on its own (split mode): grains, reminders and health. Gateways reach it over HTTP.</summary>
public static class SiloProgram
{
    /// <summary>The silo process's entry point.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCrmSilo(builder.Configuration);
        builder.Services.AddSingleton<GrainMethodTable>();
        builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));

        var app = builder.Build();
        app.MapCrmHealth();
        app.MapGrainCalls();
        app.Run();
    }
}
