using Orleans.Crm.Gateway.Api;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Gateway.Demo;
using Orleans.Crm.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Co-hosted silo in this process (in-memory storage by default), or remote silos when Silo:Endpoints is set.
builder.Services.AddCrmGrains(builder.Configuration);
builder.Services.AddCrmAuth(builder.Configuration);
builder.Services.AddCrmApi();
builder.Services.AddCrmBoard();
builder.Services.AddDemoChain(builder.Configuration);

var app = builder.Build();
app.UseCrmApi();
app.UseCrmAuth();
app.MapCrmHealth();
app.MapCrmApi();
app.MapCrmBoard();
app.Lifetime.ApplicationStarted.Register(() => DemoChainBanner.Print(app));
app.Run();

/// <summary>The gateway's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
