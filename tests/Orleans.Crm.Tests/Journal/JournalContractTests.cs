using System.Text.Json;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Silo.Persistence;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Journal;

/// <summary>Both journals keep the same contract: idempotent appends by (stream, sequence), derived task rows once per event.</summary>
public sealed class JournalContractTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<StorageKind> Kinds => [StorageKind.Memory, StorageKind.Postgres];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnEventAppendedAgainIsKeptOnce(StorageKind kind)
    {
        await using var journal = await JournalAsync(kind);
        var stream = $"store/{Guid.NewGuid():N}";
        var first = Entry(stream, 1, JournalKinds.LeadClosed, "lead-1", new { LeadId = "lead-1" });
        var second = Entry(stream, 2, JournalKinds.LeadClosed, "lead-2", new { LeadId = "lead-2" });

        await journal.Value.AppendAsync([first]);
        await journal.Value.AppendAsync([first, second]);
        await journal.Value.AppendAsync([first, second]);

        var found = await journal.Value.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], StoreId: StoreOf(stream)));
        Assert.Equal([1L, 2L], found.Select(e => e.Sequence));
        Assert.Equal(2, await journal.Value.LastSequenceAsync(stream));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ATaskRowFollowsItsEventsOnceHoweverOftenTheyAreAppended(StorageKind kind)
    {
        await using var journal = await JournalAsync(kind);
        var stream = $"store/{Guid.NewGuid():N}";
        var taskId = $"{StoreOf(stream)}-1:three-day";
        var opened = Entry(stream, 1, JournalKinds.TaskOpened, taskId, new TaskOpened(taskId, $"{StoreOf(stream)}-1", "three-day", "m1", At.AddDays(3), "Phone the customer"));
        var done = Entry(stream, 2, JournalKinds.TaskDone, taskId, new TaskDone(taskId, "m1", "called, measuring on Friday"));

        await journal.Value.AppendAsync([opened]);
        var open = Assert.Single(await journal.Value.TasksAsync(new TaskQuery(AssigneeId: "m1", State: JournalTaskStates.Open, StoreId: StoreOf(stream))));
        Assert.Equal(At.AddDays(3), open.DueAt);

        await journal.Value.AppendAsync([opened, done]);

        // The task-opened event appended again does not reopen the task.
        await journal.Value.AppendAsync([opened]);
        var task = Assert.Single(await journal.Value.TasksAsync(new TaskQuery(StoreId: StoreOf(stream))));
        Assert.Equal(JournalTaskStates.Done, task.State);
        Assert.Equal("called, measuring on Friday", task.Note);
        Assert.Equal(At.AddMinutes(2), task.ClosedAt);
        Assert.Empty(await journal.Value.TasksAsync(new TaskQuery(StoreId: StoreOf(stream), State: JournalTaskStates.Open)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AQueryReturnsOnlyTheStoresEventsOfTheKindInTheRange(StorageKind kind)
    {
        await using var journal = await JournalAsync(kind);
        var stream = $"store/{Guid.NewGuid():N}";
        var other = $"store/{Guid.NewGuid():N}";
        await journal.Value.AppendAsync(
        [
            Entry(stream, 1, JournalKinds.LeadClosed, "a", new { }),
            Entry(stream, 2, JournalKinds.TaskOpened, "t", new TaskOpened("t", "a", "three-day", "m1", At, null)),
            Entry(stream, 3, JournalKinds.LeadClosed, "b", new { }, minutes: 60 * 24 * 40),
        ]);
        await journal.Value.AppendAsync([Entry(other, 1, JournalKinds.LeadClosed, "c", new { })]);

        var found = await journal.Value.ReadAsync(new JournalQuery([JournalKinds.LeadClosed], StoreOf(stream), From: At, To: At.AddDays(30)));

        Assert.Equal(["a"], found.Select(e => e.Subject));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(found[0].Data).RootElement.ValueKind);
    }

    private static string StoreOf(string stream) => stream["store/".Length..];

    private static JournalEntry Entry(string stream, long sequence, string kind, string subject, object data, int? minutes = null) =>
        new(stream, sequence, kind, At.AddMinutes(minutes ?? sequence), StoreOf(stream), subject, JsonSerializer.Serialize(data, data.GetType(), CrmJson.Options));

    private static async Task<JournalHandle> JournalAsync(StorageKind kind)
    {
        if (kind == StorageKind.Memory)
        {
            return new JournalHandle(new InMemoryJournal());
        }

        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("journal");
        await CrmDatabaseSchema.ApplyAsync(database, CancellationToken.None);
        return new JournalHandle(new PostgresJournal(database, CrmTestCluster.TestCipher));
    }

    private sealed class JournalHandle(IJournal journal) : IAsyncDisposable
    {
        public IJournal Value { get; } = journal;

        public ValueTask DisposeAsync() => Value is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
