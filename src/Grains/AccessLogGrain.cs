using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// A reader's audit of customer reads (see <see cref="IAccessLogGrain"/>): decides nothing but the entry, recorded in the
/// journal with the write before the gateway answers the read. Like the export log it keeps a standing reminder while an
/// entry a dead silo saved may still wait to be appended (nobody may call the grain again).
/// </summary>
public sealed class AccessLogGrain(
    [PersistentState(CrmStorage.AccessLog, CrmStorage.Provider)] IPersistentState<AccessLogState> storage,
    GrainContext context)
    : DecidingGrain<AccessLogState>(storage, context), IAccessLogGrain, IRemindable
{
    private const string JournalReminder = "journal";

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpJournalAsync();

    /// <inheritdoc />
    public Task RecordReadAsync(CustomerReadRecord record, string commandId) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(record);
        State = State with { Reads = State.Reads + 1 };
        Record(JournalKinds.CustomerRead, record.StoreId, record.CustomerId, new CustomerRead(
            record.UserId, record.Role, record.StoreId, record.CustomerId, record.What, record.Subject, record.Address));
        return Task.FromResult(true);
    });

    /// <inheritdoc />
    public Task CatchUpAsync() => CatchUpJournalAsync();

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == JournalReminder ? AppendPendingOrStopReminderAsync(JournalReminder) : Task.CompletedTask;

    /// <inheritdoc />
    protected override Task JournalRecordedAsync() => KeepReminderAsync(JournalReminder);
}
