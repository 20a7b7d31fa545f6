using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Silo;

/// <summary>A silo on its own (split mode): grains, storage, reminders, and health and metrics on HTTP.</summary>
public static class SiloProgram
{
    /// <summary>The silo process's entry point.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCrmSilo();
        builder.AddCrmObservability();

        var app = builder.Build();
        app.UseCrmMetrics();
        app.MapCrmHealth();
        app.Run();
    }
}
