using Orleans.Crm.Silo.Hosting;

namespace Orleans.Crm.Silo;

/// <summary>A silo on its own (split mode): grains, storage, reminders, and health on HTTP.</summary>
public static class SiloProgram
{
    /// <summary>The silo process's entry point.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCrmSilo();

        var app = builder.Build();
        app.MapCrmHealth();
        app.Run();
    }
}
