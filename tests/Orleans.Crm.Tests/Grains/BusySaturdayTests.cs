using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Grains;

/// <summary>
/// A scripted peak-season Saturday in a 3-group store. The expected board at the end was worked out by hand
/// from the rulebook (the comments carry the reasoning); the test replays the day and compares.
/// Peak caps: rank 1–2 hold 3, rank 3–4 hold 2, so each group has 10 slots and the store 30.
/// </summary>
public sealed class BusySaturdayTests
{
    [Theory]
    [InlineData(StorageKind.Memory)]
    [InlineData(StorageKind.Postgres)]
    public async Task TheBoardAtTheEndOfABusySaturdayIsTheOneWorkedOutByHand(StorageKind kind)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(kind, clock: clock);
        var chain = new Chain(cluster.Client);
        var s = Chain.NewStoreId();
        var t = Chain.NewStoreId();
        string M(int g) => $"{s}-m{g}";
        string D(int g, int d) => $"{s}-g{g}-d{d}";

        // Rotation anchored on Saturday 21 Nov: m1 is on duty on Saturday.
        await chain.Store(s).ConfigureAsync(Chain.Setup(s, 3, new DateOnly(2026, 11, 21)));
        await chain.Store(t).ConfigureAsync(Chain.Setup(t, 1, new DateOnly(2026, 11, 21)));
        await chain.Store(s).SetSeasonAsync(Season.Peak);

        // Friday: R is served by g1-d2 (an override at the customer's wish), then the lead goes quiet and is lost.
        var phoneR = Chain.NewPhone();
        var friday = await chain.VisitAsync(s, phoneR, appointmentWith: M(1), name: "任先生");
        await chain.DispatchAsync(s, friday.LeadId, M(1), D(1, 2), "customer asked for her");
        await chain.Store(s).CloseLeadAsync(friday.LeadId, new CloseLead(LeadOutcome.Lost, "other", "went quiet"));

        clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8)));
        await chain.Store(s).SetDesignerPresenceAsync(D(2, 2), present: false);

        // X registered at store T this morning.
        var phoneX = Chain.NewPhone();
        var xAtT = await chain.VisitAsync(t, phoneX, name: "谢女士");
        await chain.DispatchAsync(t, xAtT.LeadId, $"{t}-m1");

        var v = new Dictionary<int, string>();
        async Task<DispatchOutcome> WalkIn(int n, string? phone = null)
        {
            var visit = await chain.VisitAsync(s, phone);
            Assert.Equal(M(1), visit.ManagerId);
            v[n] = visit.LeadId;
            return await chain.DispatchAsync(s, visit.LeadId, M(1));
        }

        async Task<(string Lead, DispatchOutcome Dispatch)> Appointment(int manager)
        {
            var visit = await chain.VisitAsync(s, appointmentWith: M(manager));
            Assert.Equal(M(manager), visit.ManagerId);
            return (visit.LeadId, await chain.DispatchAsync(s, visit.LeadId, M(manager)));
        }

        // V1–V10 fill group 1 by rank: d1 ×3, d2 ×3, d3 ×2, d4 ×2.
        for (var n = 1; n <= 10; n++)
        {
            var expected = n <= 3 ? D(1, 1) : n <= 6 ? D(1, 2) : n <= 8 ? D(1, 3) : D(1, 4);
            Assert.Equal(expected, (await WalkIn(n)).DesignerId);
        }

        // V11, V12: group 1 is full → another group's eligible designer, still credited to m1.
        var v11 = await WalkIn(11);
        Assert.Equal((D(2, 1), true), (v11.DesignerId, v11.CrossGroup));
        Assert.Equal(D(2, 1), (await WalkIn(12)).DesignerId);

        // m2's appointments: d1 has one slot left; d2 is absent; d3 takes two; d4 one.
        var a1 = await Appointment(2);
        var a2 = await Appointment(2);
        var a3 = await Appointment(2);
        var a4 = await Appointment(2);
        Assert.Equal([D(2, 1), D(2, 3), D(2, 3), D(2, 4)], new[] { a1, a2, a3, a4 }.Select(a => a.Dispatch.DesignerId));

        // g2-d4 refuses A4: back to dispatch by m2 — own group full/absent/refused, group 1 full → g3-d1.
        var redispatch = await chain.Store(s).RefuseAsync(a4.Lead, D(2, 4), "too far to measure");
        Assert.Equal((D(3, 1), true), (redispatch.DesignerId, redispatch.CrossGroup));

        // m3's appointments: g3-d1 takes two more (full at 3), then g3-d2.
        var b1 = await Appointment(3);
        var b2 = await Appointment(3);
        var b3 = await Appointment(3);
        Assert.Equal([D(3, 1), D(3, 1), D(3, 2)], new[] { b1, b2, b3 }.Select(b => b.Dispatch.DesignerId));

        // Contracts signed on V1 and V4 free a slot each (每签一单补一单: at the contract; a deposit keeps the slot).
        Assert.True((await chain.Store(s).RecordContractAsync(v[1], new RecordContract(150000, "王小明"))).Accepted);
        Assert.True((await chain.Store(s).RecordContractAsync(v[4], new RecordContract(90000, "王小明"))).Accepted);

        // R returns: back to their previous designer g1-d2, who has a free slot again.
        var returning = await chain.VisitAsync(s, phoneR, name: "任先生");
        Assert.True(returning.ReturnCustomer);
        var returnDispatch = await chain.DispatchAsync(s, returning.LeadId, M(1));
        Assert.Equal((D(1, 2), true), (returnDispatch.DesignerId, returnDispatch.ReturnCustomer));

        // V13 takes g1-d1's freed slot; V14–V15 go to g2-d4; V16–V17 g3-d2; V18–V19 g3-d3; V20–V21 g3-d4.
        Assert.Equal(D(1, 1), (await WalkIn(13)).DesignerId);
        string[] expectedLater = [D(2, 4), D(2, 4), D(3, 2), D(3, 2), D(3, 3), D(3, 3), D(3, 4), D(3, 4)];
        for (var n = 14; n <= 21; n++)
        {
            Assert.Equal(expectedLater[n - 14], (await WalkIn(n)).DesignerId);
        }

        // V22–V25: every present designer is full → the queue.
        for (var n = 22; n <= 25; n++)
        {
            Assert.Equal(DispatchOutcome.Queued, (await WalkIn(n)).Result);
        }

        // g2-d2 arrives: the queue drains in arrival order into her three slots; V25 keeps waiting.
        await chain.Store(s).SetDesignerPresenceAsync(D(2, 2), present: true);

        // V7 was not a real customer: g1-d3's slot goes to V25.
        await chain.Store(s).CloseLeadAsync(v[7], new CloseLead(LeadOutcome.Invalid, "other", Note: "wrong number"));

        // X walks in at S too: a cross-store conflict on both leads; nobody is free, so X queues.
        var x = await WalkIn(26, phoneX);
        Assert.Equal(DispatchOutcome.Queued, x.Result);
        var xVisit = await chain.LeadAsync(v[26]);
        Assert.Equal(("cross-store", xAtT.LeadId), (Assert.Single(xVisit!.Conflicts).Kind, xVisit.Conflicts[0].LeadId));

        // T signs X first; S's deposit is refused naming T, and X's lead at S is closed and leaves the queue.
        Assert.True((await chain.Store(t).RecordDepositAsync(xAtT.LeadId, new RecordDeposit(8000, "谢女士"))).Accepted);
        var refused = await chain.Store(s).RecordDepositAsync(v[26], new RecordDeposit(8000, "谢女士"));
        Assert.False(refused.Accepted);
        Assert.Equal((t, xAtT.LeadId), (refused.Owner.StoreId, refused.Owner.LeadId));

        // V10 is lost: g1-d4 has a slot for V27; V28–V30 queue.
        await chain.Store(s).CloseLeadAsync(v[10], new CloseLead(LeadOutcome.Lost, "other", "went quiet"));
        Assert.Equal(D(1, 4), (await WalkIn(27)).DesignerId);
        for (var n = 28; n <= 30; n++)
        {
            Assert.Equal(DispatchOutcome.Queued, (await WalkIn(n)).Result);
        }

        var expectedHolding = new Dictionary<string, string[]>
        {
            [D(1, 1)] = [v[2], v[3], v[13]],
            [D(1, 2)] = [v[5], v[6], returning.LeadId],
            [D(1, 3)] = [v[8], v[25]],
            [D(1, 4)] = [v[9], v[27]],
            [D(2, 1)] = [v[11], v[12], a1.Lead],
            [D(2, 2)] = [v[22], v[23], v[24]],
            [D(2, 3)] = [a2.Lead, a3.Lead],
            [D(2, 4)] = [v[14], v[15]],
            [D(3, 1)] = [a4.Lead, b1.Lead, b2.Lead],
            [D(3, 2)] = [b3.Lead, v[16], v[17]],
            [D(3, 3)] = [v[18], v[19]],
            [D(3, 4)] = [v[20], v[21]],
        };

        await cluster.CollectAllActivationsAsync();
        var board = await chain.Store(s).GetBoardAsync();
        var actualHolding = board.Groups.SelectMany(g => g.Designers).ToDictionary(d => d.DesignerId, d => d.LeadIds.Order().ToArray());
        Assert.Equal(expectedHolding.ToDictionary(h => h.Key, h => h.Value.Order().ToArray()), actualHolding);
        Assert.Equal([v[28], v[29], v[30]], board.Queue.Select(q => q.LeadId));
        Assert.Equal(M(1), board.DutyManagerId);
        Assert.Equal(30 + 4 + 3 + 1, board.TodayLeads.Length); // V1–V30, A1–A4, B1–B3 and R; Friday's lead is not today's

        var owners = new[] { v[1], v[4] }.Select(async id => (await chain.Grains.GetGrain<ICustomerGrain>((await chain.LeadAsync(id)).CustomerId).GetAsync())!.Owner);
        Assert.Equal([(s, M(1), D(1, 1)), (s, M(1), D(1, 2))], (await Task.WhenAll(owners)).Select(o => (o!.StoreId, o.ManagerId!, o.DesignerId!)));
        var closedX = await chain.LeadAsync(v[26]);
        Assert.Equal((false, LeadStatus.Lost), (closedX!.Open, closedX.Status));
        Assert.Contains(t, closedX.ClosedReason, StringComparison.Ordinal);

        // The board's event log ends exactly at the sequence the snapshot says it reflects.
        Assert.Equal(board.Sequence, (await chain.Store(s).GetEventsAsync(board.Sequence - 1, 10)).Events.Single().Sequence);
    }
}
