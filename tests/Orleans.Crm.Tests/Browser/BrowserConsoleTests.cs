using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Board;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Browser;

/// <summary>
/// A real headless Chromium opens the staff console as the manager of a store whose lead another store then wins with
/// the first deposit (以谁定单为准): without a reload, the console lists the lead as lost to the owner, naming the owning
/// store and manager.
/// </summary>
public sealed class BrowserConsoleTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task TheLosingManagerSeesOnTheConsoleThatAnotherStoreSignedTheirCustomer()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y --no-install-recommends chromium");
        var scripts = await BrowserDisplayTests.EnsurePlaywrightAsync();

        await using var gateway = new GatewayFactory();
        gateway.UseKestrel(0);
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        using var http = new HttpClient { BaseAddress = address };
        var api = new BoardApi(http);
        var (winner, loser) = (BoardApi.NewStoreId("win"), BoardApi.NewStoreId("lose"));
        await api.CreateStoreAsync(winner);
        await api.CreateStoreAsync(loser);
        var winnerManager = await api.TokenAsync("manager", winner, $"{winner}-m1");
        var loserManager = await api.TokenAsync("manager", loser, $"{loser}-m1");
        const string phone = "13955556666";
        var wonLead = await api.VisitAsync(winner, winnerManager, "孙女士", phone);
        var lostLead = await api.VisitAsync(loser, loserManager, "孙女士", phone);
        await api.DispatchAsync(wonLead, $"{winner}-m1", winnerManager);
        await api.DispatchAsync(lostLead, $"{loser}-m1", loserManager);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", "console-owned-elsewhere.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var commandFile = Path.Combine(Path.GetTempPath(), $"crm-console-{Guid.NewGuid():N}.cmd");
        var statusFile = Path.ChangeExtension(commandFile, ".status");
        using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(scripts, "console-check.mjs"), new Uri(address, "/console").ToString(), screenshot, commandFile, statusFile, "manager", loser, $"{loser}-m1", Chromium])
        {
            RedirectStandardError = true,
            WorkingDirectory = scripts,
        })!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            var ready = await BrowserDisplayTests.WaitForStatusAsync(statusFile, node, "READY", TimeSpan.FromSeconds(60));
            if (ready != "READY")
            {
                Assert.Fail($"console did not come up: {ready}\n{await BrowserDisplayTests.StderrAsync(stderr, node)}");
            }

            // Made while the console is open: the losing store's board hears of the close over the hub.
            using var deposit = new HttpRequestMessage(HttpMethod.Post, $"/api/leads/{wonLead}/deposit")
            {
                Content = JsonContent.Create(new { commandId = "won", amount = 5000, payerName = "孙女士" }),
            };
            deposit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", winnerManager);
            var won = await http.SendAsync(deposit);
            Assert.True(won.IsSuccessStatusCode, await won.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrEmpty((await won.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetString()));

            await File.WriteAllTextAsync(commandFile, $"EXPECT {winner} / {winner}-m1\n");
            var result = await BrowserDisplayTests.WaitForStatusAsync(statusFile, node, "OK", TimeSpan.FromSeconds(60));
            if (!result.StartsWith("OK", StringComparison.Ordinal))
            {
                Assert.Fail($"console did not show the lost lead: {result}\n{await BrowserDisplayTests.StderrAsync(stderr, node)}");
            }

            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, node.ExitCode);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is missing or empty");
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }

            File.Delete(commandFile);
            File.Delete(statusFile);
        }
    }
}
