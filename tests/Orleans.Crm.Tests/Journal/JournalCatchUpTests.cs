using System.Text.Json;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Journal;

/// <summary>The deciding grains' events reach the journal once: right after the write, or after a crash in between.</summary>
public sealed class JournalCatchUpTests
{
    [Fact]
    public async Task AClosedLeadIsInTheJournalWhenTheCloseIsAnswered()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, silos: 1);
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync();
        var visit = await chain.VisitAsync(storeId);

        await chain.Store(storeId).CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Invalid, "other", Note: "wrong number"));

        var closed = Assert.Single(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], storeId)));
        Assert.Equal(visit.LeadId, closed.Subject);
        Assert.Equal($"store/{storeId}", closed.Stream);
        var data = JsonSerializer.Deserialize<LeadClosed>(closed.Data, CrmJson.Options)!;
        Assert.Equal(LeadStatus.Invalid, data.Status);
    }

    [Fact]
    public async Task AStoresEventsAreNumberedWithoutGapsInCommitOrder()
    {
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Memory, silos: 1);
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync();
        var leads = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var visit = await chain.VisitAsync(storeId);
            await chain.Store(storeId).CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Invalid, "other", Note: $"test {i}"));
            leads.Add(visit.LeadId);
        }

        // Each visit records its registration and its search index, each close its closing: one stream, numbered in the
        // order they committed.
        var events = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered, JournalKinds.LeadIndexed, JournalKinds.LeadClosed], storeId));
        Assert.Equal(leads.SelectMany(l => new[] { l, l, l }), events.Select(e => e.Subject));
        Assert.Equal(leads.SelectMany(_ => new[] { JournalKinds.LeadRegistered, JournalKinds.LeadIndexed, JournalKinds.LeadClosed }), events.Select(e => e.Kind));
        var sequences = events.Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(n => (long)n), sequences);
        Assert.Equal(sequences[^1], await cluster.Journal.LastSequenceAsync($"store/{storeId}"));
    }

    [Fact]
    public async Task ASiloKilledBetweenTheWriteAndTheAppendLosesNoEventAndDoublesNone()
    {
        var gate = new JournalGate();
        await using var cluster = await CrmTestCluster.StartAsync(
            StorageKind.Postgres,
            wrapJournal: (siloName, journal) => gate.Wrap(journal, siloName));
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync();
        var visit = await chain.VisitAsync(storeId);

        gate.Arm($"store/{storeId}");
        var close = chain.Store(storeId).CloseLeadAsync(visit.LeadId, new CloseLead(LeadOutcome.Lost, "competitor", "went to a rival"));
        var holder = await gate.Reached.WaitAsync(Eventually.Deadline);

        // The close is written (the archive and the store's state say so) but its event is not in the journal yet.
        Assert.Empty(await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], storeId)));
        var victim = cluster.Silos.Single(s => s.Name == holder);
        await cluster.KillSiloAsync(victim);
        gate.Fail();
        await Assert.ThrowsAnyAsync<Exception>(() => close);

        // The store comes back on the surviving silo and appends what its saved state still holds.
        await Eventually.UntilAsync(
            async () => (await chain.Store(storeId).GetLeadAsync(visit.LeadId)) is null
                && (await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], storeId))).Count > 0,
            "the closed lead's event reaches the journal after the kill");

        // Activated again from storage (which may still list the event as pending): it is appended again, and kept once.
        await cluster.CollectAllActivationsAsync();
        await chain.Store(storeId).GetBoardAsync();
        var events = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], storeId));
        var closed = Assert.Single(events);
        Assert.Equal(visit.LeadId, closed.Subject);
        Assert.Equal(LeadStatus.Lost, JsonSerializer.Deserialize<LeadClosed>(closed.Data, CrmJson.Options)!.Status);
        Assert.Equal(LeadStatus.Lost, (await chain.LeadAsync(visit.LeadId)).Status);
    }

    [Fact]
    public async Task ACustomersProjectEventReachesTheJournalAfterItsSiloDiedEvenIfNobodyCallsItAgain()
    {
        var gate = new JournalGate();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, wrapJournal: (siloName, journal) => gate.Wrap(journal, siloName));
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync();
        var visit = await chain.VisitAsync(storeId);
        var lead = await chain.LeadAsync(visit.LeadId);

        gate.Arm($"customer/{lead.CustomerId}");
        var deposit = chain.Store(storeId).RecordDepositAsync(visit.LeadId, new RecordDeposit(5000, "王小明"));
        var holder = await gate.Reached.WaitAsync(Eventually.Deadline);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.Name == holder));
        gate.Fail();
        await Assert.ThrowsAnyAsync<Exception>(() => deposit);

        // No call reaches the customer again: its reminder, registered before the write, brings it back on the survivor.
        var opened = await Eventually.GetAsync(
            () => cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.ProjectOpened], storeId)),
            events => events.Count > 0,
            "the customer's project-opened event reaches the journal after the kill",
            TimeSpan.FromMinutes(3));
        Assert.Equal($"customer/{lead.CustomerId}", Assert.Single(opened).Stream);
    }

    [Fact]
    public async Task ARepairsEventReachesTheJournalAfterItsSiloDiedEvenIfNobodyCallsItAgain()
    {
        var gate = new JournalGate();
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, wrapJournal: (siloName, journal) => gate.Wrap(journal, siloName));
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync(groups: 1);
        var (visit, _) = await chain.VisitAndDispatchAsync(storeId, $"{storeId}-m1");
        var signed = await chain.Store(storeId).RecordContractAsync(visit.LeadId, new RecordContract(180000, "王小明"));
        var project = await cluster.Client.GetGrain<ICustomerGrain>(visit.CustomerId).CompleteProjectAsync(signed.Owner.ProjectId!, "sup", "complete");
        var repairId = RepairIds.For(project.ProjectId, "c1");

        gate.Arm($"repair/{repairId}");
        var open = cluster.Client.GetGrain<IRepairGrain>(repairId).OpenAsync(
            new OpenRepair(project.ProjectId, project.CustomerId, storeId, "Asia/Shanghai", RepairCategory.Plumbing, "leak", RepairSeverity.High, "svc"), "c1");
        var holder = await gate.Reached.WaitAsync(Eventually.Deadline);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.Name == holder));
        gate.Fail();
        await Assert.ThrowsAnyAsync<Exception>(() => open);

        // No call reaches the repair again: its sweep reminder, registered before the write, brings it back on the survivor.
        var opened = await Eventually.GetAsync(
            () => cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.RepairOpened], storeId)),
            events => events.Count > 0,
            "the repair-opened event reaches the journal after the kill",
            TimeSpan.FromMinutes(3));
        Assert.Equal($"repair/{repairId}", Assert.Single(opened).Stream);
    }
}
