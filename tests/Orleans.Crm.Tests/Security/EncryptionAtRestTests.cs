using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Silo.Hosting;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Silo.Persistence.DataProtection;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Security;

/// <summary>
/// Issue 14, at rest: on PostgreSQL no name, phone, address or note of a customer is readable in the database — what a
/// backup (<c>pg_dump</c>) holds — and data keys rotate: old rows stay readable, new ones name the new key, and a cluster
/// without the old key refuses the old rows with an error naming the key.
/// </summary>
public sealed class EncryptionAtRestTests
{
    private const string KeyA = "cm90YXRpb24ta2V5LWEtMDEyMzQ1Njc4OWFiY2RlZmc=";
    private const string KeyB = "cm90YXRpb24ta2V5LWItMDEyMzQ1Njc4OWFiY2RlZmc=";

    [Fact]
    public async Task ADumpOfTheDatabaseShowsNoNamePhoneAddressOrNoteOfTheCustomersItHolds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var cluster = await CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 1, clock: clock);
        var chain = new Chain(cluster.Client);
        var storeId = await chain.NewStoreAsync(groups: 1);
        var store = chain.Store(storeId);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customers = new[]
        {
            (Name: "欧阳青霞", Phone: Chain.NewPhone()),
            (Name: "司马长风", Phone: Chain.NewPhone()),
            (Name: $"Lindqvist{tag}", Phone: Chain.NewPhone()),
        };
        const string address = "虹桥路1665弄37号1802室";
        const string referrer = "慕容秋水";
        const string followUpNote = "客户想要北欧风格预算四十万周末方便联系";
        const string closeAnalysis = "嫌报价高已选隔壁装修公司";
        const string feedbackName = "上官飞燕";
        const string feedbackComment = "样板间灯光很温馨想再来看看";
        var feedbackPhone = Chain.NewPhone();

        // As typed at the front desk (spaces, dashes); stored normalised.
        var leads = new List<string>();
        foreach (var (name, phone) in customers)
        {
            var typed = $"{phone[..3]} {phone[3..7]}-{phone[7..]}";
            var visit = await store.RegisterVisitAsync(new RegisterVisit(
                name, typed, VisitChannel.WalkIn,
                ReferrerName: referrer, ReferrerPhone: customers[0].Phone, Community: "锦绣江南", Address: address));
            leads.Add(visit.LeadId);
        }

        await chain.DispatchAsync(storeId, leads[0], $"{storeId}-m1");

        // The three-day rule opens tasks (crm_task rows); the follow-up completes them, its note copied into the rows.
        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Chain.SweepAsync(store);
        await store.RecordFollowUpAsync(leads[0], $"{storeId}-m1", followUpNote);
        await store.CloseLeadAsync(leads[1], new CloseLead(LeadOutcome.Lost, CloseReasons.Price, Analysis: closeAnalysis, Note: followUpNote));
        await store.RecordFeedbackAsync(new RecordFeedback(feedbackName, feedbackPhone, ["样板间"], feedbackComment));

        // Everything reads back through the grains (from the sealed rows) and the journal.
        await cluster.CollectAllActivationsAsync();
        Assert.Equal(customers[0].Name, (await store.GetLeadAsync(leads[0]))!.Name);
        Assert.Equal(closeAnalysis, (await cluster.Client.GetGrain<ILeadGrain>(leads[1]).GetAsync())!.Analysis);
        var registered = await cluster.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], storeId));
        Assert.Contains(registered, e => e.Data.Contains(customers[2].Name, StringComparison.Ordinal));

        var dump = await (await PostgresServer.GetAsync()).DumpAsync(cluster.ConnectionString!);

        // Not trivially empty: the rows are there, under their ids (grain keys and the journal's derivation ids are clear).
        Assert.Contains(storeId, dump, StringComparison.Ordinal);
        Assert.Contains(leads[0], dump, StringComparison.Ordinal);
        Assert.Contains(leads[2], dump, StringComparison.Ordinal);
        Assert.Contains($"{leads[0]}.three-day-callback", dump, StringComparison.Ordinal);
        Assert.Equal(followUpNote, Assert.Single(await cluster.Journal.TasksAsync(new TaskQuery(StoreId: storeId, AssigneeId: $"{storeId}-m1"))).Note);
        Assert.Contains(CrmTestCluster.Identity.IdOf(customers[0].Phone), dump, StringComparison.Ordinal);
        Assert.Contains(JournalSealing.SealedProperty, dump, StringComparison.Ordinal);
        var secrets = customers.SelectMany(c => new[] { c.Name, c.Phone, $"{c.Phone[..3]} {c.Phone[3..7]}-{c.Phone[7..]}" })
            .Concat([address, referrer, followUpNote, closeAnalysis, feedbackName, feedbackPhone, feedbackComment]);
        foreach (var secret in secrets)
        {
            // As text (text and jsonb columns) and as pg_dump writes bytea (hex of the UTF-8 bytes).
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), dump, StringComparison.Ordinal);
        }

        // Every grain state row is sealed with the current key.
        var keyIds = await StateKeyIdsAsync(cluster.ConnectionString!, "%");
        Assert.NotEmpty(keyIds);
        Assert.All(keyIds, id => Assert.Equal(CrmTestCluster.TestDataKeyId, id));
    }

    [Fact]
    public async Task KeysRotateOldRowsReadNewRowsUseTheNewKeyAndWithoutTheOldKeyOldRowsAreRefused()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("rotate");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        var serviceId = $"rotate-{Guid.NewGuid():N}";
        var phoneX = Chain.NewPhone();
        var phoneY = Chain.NewPhone();
        string storeId;
        string leadX;

        // 1. Key A only.
        await using (var first = await StartAsync(database, serviceId, "a", ("a", KeyA)))
        {
            var chain = new Chain(first.Client);
            storeId = await chain.NewStoreAsync(groups: 1);
            leadX = (await chain.VisitAsync(storeId, phoneX, name: "东方未明")).LeadId;
            Assert.Equal(["a"], await StateKeyIdsAsync(database, StoreKey(storeId)));
            Assert.Equal(["a"], await JournalKeyIdsAsync(database, leadX));
        }

        // 2. Keys A and B, B current: A's rows read; what is written now names B.
        string leadY;
        await using (var second = await StartAsync(database, serviceId, "b", ("a", KeyA), ("b", KeyB)))
        {
            var chain = new Chain(second.Client);
            Assert.Equal("东方未明", (await chain.Store(storeId).GetLeadAsync(leadX))!.Name);
            leadY = (await chain.VisitAsync(storeId, phoneY, name: "南宫无忌")).LeadId;

            Assert.Equal(["b"], await StateKeyIdsAsync(database, StoreKey(storeId)));
            Assert.Equal(["b"], await JournalKeyIdsAsync(database, leadY));
            Assert.Equal(["a"], await JournalKeyIdsAsync(database, leadX));
            var registered = await second.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], storeId));
            Assert.Equal(2, registered.Count);
            Assert.Contains(registered, e => e.Data.Contains("东方未明", StringComparison.Ordinal));
        }

        // 3. Key B only: the store (rewritten with B) reads; X's customer row and journal event (only ever sealed with A)
        //    are refused with an error naming key A — never garbage.
        await using (var third = await StartAsync(database, serviceId, "b", ("b", KeyB)))
        {
            var chain = new Chain(third.Client);
            Assert.Equal("南宫无忌", (await chain.Store(storeId).GetLeadAsync(leadY))!.Name);

            var customer = third.Client.GetGrain<ICustomerGrain>(CrmTestCluster.Identity.IdOf(phoneX));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => customer.GetAsync());
            Assert.True(refused.ToString().Contains("data key 'a'", StringComparison.Ordinal), refused.ToString());

            var journalRefused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                third.Journal.ReadAsync(new JournalQuery([JournalKinds.LeadRegistered], storeId)));
            Assert.Contains("data key 'a'", journalRefused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OutsideDevelopmentASiloOnPostgresWithoutDataKeysRefusesToStart()
    {
        const string key = "a-key-of-at-least-32-bytes-0123456789abcdef";
        await using var factory = new GatewayFactory(
            "Host=127.0.0.1;Port=1;Database=none;Username=none",
            new Dictionary<string, string?> { ["environment"] = "Production", ["Auth:SigningKey"] = key, ["Security:IdentityKey"] = key });

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("Security:DataKeys", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentOnPostgresTheDevelopmentDataKeySealsTheRows()
    {
        await using var factory = await GatewayFactory.OnPostgresAsync();

        var cipher = factory.Services.GetRequiredService<DataCipher>();

        Assert.Equal(DataKeySettings.DevelopmentKeyId, cipher.CurrentKeyId);
    }

    private static Task<CrmTestCluster> StartAsync(string database, string serviceId, string current, params (string Id, string Key)[] keys)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{DataKeySettings.Section}:Current"] = current,
        };
        foreach (var (id, key) in keys)
        {
            settings[$"{DataKeySettings.Section}:Keys:{id}"] = key;
        }

        return CrmTestCluster.StartAsync(StorageKind.Postgres, silos: 1, settings: settings, database: database, serviceId: serviceId);
    }

    private static string StoreKey(string storeId) => Orleans.Crm.Silo.Persistence.KeyPreservingGrainStorage.KeyPrefix + storeId;

    /// <summary>The key ids in the headers of the grain state rows whose key matches <paramref name="keyPattern"/> (LIKE).</summary>
    private static async Task<List<string>> StateKeyIdsAsync(string database, string keyPattern)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload FROM crm_grain_state WHERE payload IS NOT NULL AND key_extension LIKE $1", connection);
        command.Parameters.AddWithValue(keyPattern);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(DataCipher.KeyIdOf(reader.GetFieldValue<byte[]>(0)));
        }

        return [.. ids.Distinct()];
    }

    /// <summary>The key ids of the sealed journal events about <paramref name="subject"/>.</summary>
    private static async Task<List<string>> JournalKeyIdsAsync(string database, string subject)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data->>'" + JournalSealing.SealedProperty + "' FROM crm_journal WHERE subject = $1", connection);
        command.Parameters.AddWithValue(subject);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(DataCipher.KeyIdOf(Convert.FromBase64String(reader.GetString(0))));
        }

        return [.. ids.Distinct()];
    }
}
