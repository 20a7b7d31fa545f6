using Orleans.Crm.Gateway.Api;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Gateway.Dashboard;
using Orleans.Crm.Gateway.Demo;
using Orleans.Crm.Gateway.Displays;
using Orleans.Crm.Gateway.Network;
using Orleans.Crm.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

// A silo in this process (in-memory storage by default), or an Orleans client of the cluster (Orleans:CoHostSilo=false).
builder.AddCrmCluster();
builder.AddCrmObservability();
builder.Services.AddCrmNetwork(builder.Configuration);
builder.Services.AddCrmAuth(builder.Configuration);
builder.Services.AddCrmDisplays(builder.Configuration);
builder.Services.AddCrmDashboard(builder.Configuration);
builder.Services.AddCrmApi(builder.Configuration);
builder.Services.AddCrmRateLimits(builder.Configuration);
builder.Services.AddCrmBoard();
builder.Services.AddDemoChain(builder.Configuration);

var app = builder.Build();
app.UseCrmNetwork();
app.UseCrmApi();
app.UseCrmAuth();
app.UseRateLimiter();
app.UseCrmMetrics();
app.MapCrmHealth();
app.MapCrmApi();
app.MapCrmBoard();
app.MapCrmDashboard();
app.Lifetime.ApplicationStarted.Register(() => DemoChainBanner.Print(app));
app.Run();

/// <summary>The gateway's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
