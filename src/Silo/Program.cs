using Orleans.Crm.Silo.Hosting;

// A silo on its own (split mode): grains, reminders and health. Gateways reach it over HTTP.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCrmSilo(builder.Configuration);

var app = builder.Build();
app.MapCrmHealth();
app.Run();
