using System.Text.Json;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.Search;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Journal;

/// <summary>Both journals derive the same search rows from <c>lead-indexed</c> events and answer the same look-ups.</summary>
public sealed class SearchJournalTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static readonly BlindIndex Index = new CustomerIdentity("search-journal-tests-identity-key-0123456789").Search;

    public static TheoryData<StorageKind> Kinds => [StorageKind.Memory, StorageKind.Postgres];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ALeadIsFoundByAllItsTokensOrItsRunningNumberInItsStoreOnlyAndOnceHoweverOftenAppended(StorageKind kind)
    {
        await using var journal = await JournalAsync(kind);
        var (east, west) = ($"store/{Guid.NewGuid():N}", $"store/{Guid.NewGuid():N}");
        var wang = Indexed(east, 1, "王小明", "13812345678", 7, minutes: 1);
        var li = Indexed(east, 2, "李小红", "13900005678", 8, minutes: 2);
        var other = Indexed(west, 1, "王小明", "13812345678", 7, minutes: 3);

        await journal.Value.AppendAsync([wang]);
        await journal.Value.AppendAsync([wang, li]);
        await journal.Value.AppendAsync([other, other]);

        Assert.Equal(["2", "1"], await LeadsAsync(journal.Value, Terms("5678"), StoreOf(east)));
        Assert.Equal(["1"], await LeadsAsync(journal.Value, Terms("138 1234 5678"), StoreOf(east)));
        Assert.Equal(["1"], await LeadsAsync(journal.Value, Terms("小明"), StoreOf(east)));

        // Every bigram must match: 小红 and 王小 both exist, but not in one name.
        Assert.Empty(await LeadsAsync(journal.Value, Terms("王小红"), StoreOf(east)));
        Assert.Equal(["2"], await LeadsAsync(journal.Value, Terms("#8"), StoreOf(east)));
        Assert.Equal(["west:1", "east:1"], (await journal.Value.SearchAsync(new JournalSearch(Index.TokensOf(Terms("12345678")), null, null)))
            .Where(r => r.StoreId == StoreOf(east) || r.StoreId == StoreOf(west))
            .Select(r => (r.StoreId == StoreOf(east) ? "east:" : "west:") + Suffix(r.LeadId)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ALeadIndexedAgainIsFoundOnlyByItsLatestNameAndPhone(StorageKind kind)
    {
        await using var journal = await JournalAsync(kind);
        var stream = $"store/{Guid.NewGuid():N}";
        await journal.Value.AppendAsync([Indexed(stream, 1, "赵一", "13811112222", 1, minutes: 1, lead: "1")]);
        await journal.Value.AppendAsync([Indexed(stream, 2, "钱二", "13933334444", 1, minutes: 2, lead: "1")]);

        Assert.Empty(await LeadsAsync(journal.Value, Terms("11112222"), StoreOf(stream)));
        Assert.Empty(await LeadsAsync(journal.Value, Terms("赵一"), StoreOf(stream)));
        Assert.Equal(["1"], await LeadsAsync(journal.Value, Terms("33334444"), StoreOf(stream)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ALeadAnonymisedByRetentionIsNoLongerFoundWhileAnotherLeadStillIs(StorageKind kind)
    {
        await using var journal = await JournalAsync(kind);
        var stream = $"store/{Guid.NewGuid():N}";
        await journal.Value.AppendAsync([Indexed(stream, 1, "孙三", "13855556666", 3, minutes: 1), Indexed(stream, 2, "孙三", "13855556666", 4, minutes: 2)]);
        Assert.Equal(["2", "1"], await LeadsAsync(journal.Value, Terms("55556666"), StoreOf(stream)));

        var rewritten = await journal.Value.RedactLeadAsync($"{StoreOf(stream)}-1", RetentionRules.RedactEvent);

        Assert.Equal(1, rewritten);
        Assert.Equal(["2"], await LeadsAsync(journal.Value, Terms("55556666"), StoreOf(stream)));
        Assert.Equal(["2"], await LeadsAsync(journal.Value, Terms("孙三"), StoreOf(stream)));
        var stored = Assert.Single(await journal.Value.ReadAsync(new JournalQuery([JournalKinds.LeadIndexed], Subject: $"{StoreOf(stream)}-1")));
        var data = JsonSerializer.Deserialize<LeadIndexed>(stored.Data, CrmJson.Options)!;
        Assert.Equal((RetentionRules.Marker, null, 0), (data.Name, (string?)data.Phone, data.Tokens.Length));
    }

    private static SearchTerms Terms(string q) => SearchText.Parse(q);

    private static async Task<List<string>> LeadsAsync(IJournal journal, SearchTerms terms, string storeId) =>
        [.. (await journal.SearchAsync(new JournalSearch(Index.TokensOf(terms), terms.RunningNumber, storeId))).Select(r => Suffix(r.LeadId))];

    private static string Suffix(string leadId) => leadId[(leadId.LastIndexOf('-') + 1)..];

    private static string StoreOf(string stream) => stream["store/".Length..];

    private static JournalEntry Indexed(string stream, long sequence, string name, string phone, int runningNumber, int minutes, string? lead = null)
    {
        var leadId = $"{StoreOf(stream)}-{lead ?? sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var data = new LeadIndexed(leadId, "c-" + phone, runningNumber, At.AddMinutes(minutes), Index.TokensOf(name, phone), name, phone);
        return new JournalEntry(stream, sequence, JournalKinds.LeadIndexed, At.AddMinutes(minutes), StoreOf(stream), leadId, JsonSerializer.Serialize(data, CrmJson.Options));
    }

    private static async Task<JournalHandle> JournalAsync(StorageKind kind)
    {
        if (kind == StorageKind.Memory)
        {
            return new JournalHandle(new InMemoryJournal());
        }

        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("search");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        return new JournalHandle(new PostgresJournal(database, CrmTestCluster.TestCipher));
    }

    private sealed class JournalHandle(IJournal journal) : IAsyncDisposable
    {
        public IJournal Value { get; } = journal;

        public ValueTask DisposeAsync() => Value is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
