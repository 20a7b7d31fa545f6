using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Grains;
using Orleans.Crm.Tests.Api;
using Orleans.Runtime;

namespace Orleans.Crm.Tests.Complaints;

/// <summary>
/// The live complaints board (<c>/hubs/service</c>): a subscribed client sees complaints filed and the breach the
/// desk's sweep marks, resumes after a reconnect from its last sequence without a gap, and chain-wide boards follow
/// every store's desk.
/// </summary>
public sealed class ComplaintBoardTests(ClockedApiFixture fixture) : IClassFixture<ClockedApiFixture>
{
    private ApiHarness Api => fixture.Api;

    [Fact]
    public async Task AServiceBoardSeesTheBreachAndResumesWithoutGaps()
    {
        var store = await Api.StoreAsync();
        var token = await Api.TokenAsync("service", store.StoreId, "cs-1");
        using var service = await Api.ClientAsync("service", store.StoreId, "cs-1");

        long last;
        string id;
        await using (var board = await ComplaintBoardClient.ConnectAsync(Api.Factory, token))
        {
            await board.SubscribeAsync(store.StoreId, 0);
            var snapshot = await board.NextAsync();
            Assert.Equal(ServiceMessages.ComplaintSnapshot, snapshot.Target);
            Assert.Equal(0, snapshot.Argument.GetProperty("sequence").GetInt64());

            id = (await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)))).Str("complaintId");
            var filed = await board.NextAsync();
            Assert.Equal(("filed", 1L), (filed.Argument.GetProperty("type").GetString(), filed.Argument.GetProperty("sequence").GetInt64()));

            fixture.Clock.Advance(TimeSpan.FromMinutes(11));
            await SweepAsync(store.StoreId);
            var breach = await board.NextAsync();
            Assert.Equal(ServiceMessages.ComplaintEvent, breach.Target);
            Assert.Equal(("breached", 2L), (breach.Argument.GetProperty("type").GetString(), breach.Argument.GetProperty("sequence").GetInt64()));
            var complaint = breach.Argument.GetProperty("complaint");
            Assert.Equal(("breached", id), (complaint.GetProperty("state").GetString(), complaint.GetProperty("complaintId").GetString()));
            Assert.Equal("department-notified", complaint.GetProperty("breaches")[0].GetProperty("step").GetString());
            Assert.Empty(board.Violations);
            last = 2;
        }

        // Away for a while: two more events happen, and the board comes back from its last sequence.
        await ApiHarness.ExpectAsync(HttpStatusCode.OK, await service.PostAsJsonAsync($"/api/complaints/{id}/steps", new { commandId = ApiHarness.NewCommandId(), step = "department-notified", department = "工程部" }));
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)));
        await using var again = await ComplaintBoardClient.ConnectAsync(Api.Factory, token);
        await again.SubscribeAsync(store.StoreId, last);

        var third = await again.NextAsync();
        var fourth = await again.NextAsync();
        Assert.Equal((ServiceMessages.ComplaintEvent, 3L, "step"), (third.Target, third.Argument.GetProperty("sequence").GetInt64(), third.Argument.GetProperty("type").GetString()));
        Assert.Equal((ServiceMessages.ComplaintEvent, 4L, "filed"), (fourth.Target, fourth.Argument.GetProperty("sequence").GetInt64(), fourth.Argument.GetProperty("type").GetString()));
        Assert.Empty(again.Violations);
    }

    [Fact]
    public async Task ABoardFurtherBehindThanTheDesksLogGetsASnapshotThenEventsWithoutGaps()
    {
        var store = await Api.StoreAsync();
        using var service = await Api.ClientAsync("service", store.StoreId);
        for (var i = 0; i < 20; i++)
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)));
        }

        // The desk keeps the last Grains:BoardLogLength (32 by default) events; one that saw only the first is fine, and
        // one behind a desk whose log was cut is given the snapshot.
        await using var board = await ComplaintBoardClient.ConnectAsync(Api.Factory, await Api.TokenAsync("service", store.StoreId));
        await board.SubscribeAsync(store.StoreId, 1);
        var next = await board.NextAsync();
        Assert.Equal((ServiceMessages.ComplaintEvent, 2L), (next.Target, next.Argument.GetProperty("sequence").GetInt64()));
        for (var i = 0; i < 20; i++)
        {
            await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)));
        }

        await using var late = await ComplaintBoardClient.ConnectAsync(Api.Factory, await Api.TokenAsync("service", store.StoreId));
        await late.SubscribeAsync(store.StoreId, 1);
        var snapshot = await late.NextAsync();
        Assert.Equal((ServiceMessages.ComplaintSnapshot, 40L), (snapshot.Target, snapshot.Argument.GetProperty("sequence").GetInt64()));
        Assert.Equal(40, snapshot.Argument.GetProperty("complaints").GetArrayLength());
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await service.PostAsJsonAsync("/api/complaints", Filing(store.StoreId)));
        Assert.Equal(41L, (await late.NextAsync()).Argument.GetProperty("sequence").GetInt64());
        Assert.Empty(late.Violations);
        Assert.Empty(board.Violations);
    }

    [Fact]
    public async Task HqCustomerServiceFollowsEveryStoresDeskAndOthersAreRefused()
    {
        var a = await Api.StoreAsync();
        var b = await Api.StoreAsync();
        using var hq = await Api.HqAsync();
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/complaints", Filing(a.StoreId)));

        await using var chain = await ComplaintBoardClient.ConnectAsync(Api.Factory, await Api.TokenAsync("service", null, "hq-cs"));
        var stores = await chain.SubscribeAsync(null, 0);
        Assert.Contains(a.StoreId, stores);
        Assert.DoesNotContain(b.StoreId, stores);

        // b's first complaint: the next chain-wide call adds b's desk, a keeps its cursor (no second snapshot of a).
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/complaints", Filing(b.StoreId)));
        Assert.Contains(b.StoreId, await chain.SubscribeAsync(null, 0));
        await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync("/api/complaints", Filing(b.StoreId)));
        var seen = new List<(string Target, string Store, long Sequence)>();
        while (!seen.Contains((ServiceMessages.ComplaintEvent, b.StoreId, 2)))
        {
            var m = await chain.NextAsync();
            seen.Add((m.Target, m.Argument.GetProperty("storeId").GetString()!, m.Argument.GetProperty("sequence").GetInt64()));
        }

        Assert.Single(seen, s => s.Target == ServiceMessages.ComplaintSnapshot && s.Store == a.StoreId);
        Assert.Empty(chain.Violations);

        await using var designer = await ComplaintBoardClient.ConnectAsync(Api.Factory, await Api.TokenAsync("designer", a.StoreId, a.DesignerIds[0][0]));
        await Assert.ThrowsAsync<HubException>(() => designer.SubscribeAsync(a.StoreId, 0));
        await using var storeService = await ComplaintBoardClient.ConnectAsync(Api.Factory, await Api.TokenAsync("service", a.StoreId));
        await Assert.ThrowsAsync<HubException>(() => storeService.SubscribeAsync(null, 0));
        await Assert.ThrowsAsync<HubException>(() => storeService.SubscribeAsync(b.StoreId, 0));
    }

    private static object Filing(string storeId) =>
        new { commandId = ApiHarness.NewCommandId(), phone = ApiHarness.NewPhone(), storeId, channel = "phone", summary = "漏水", emergency = true };

    private Task SweepAsync(string storeId) =>
        Api.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IComplaintDeskGrain>(storeId).AsReference<IRemindable>().ReceiveReminder(ComplaintDeskGrain.SweepReminder, default);
}
