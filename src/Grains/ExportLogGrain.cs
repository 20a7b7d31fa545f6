using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's export audit: one small grain (exports are people clicking a download, a few a day) that decides nothing
/// but the audit entry, recorded in the journal with the write that numbers it, before the gateway hands the file out.
/// Nobody may call it again after an export, so a standing reminder (registered before the write) brings it back to
/// append an entry a dead silo saved but did not append; a tick with nothing pending removes it.
/// </summary>
public sealed class ExportLogGrain(
    [PersistentState(CrmStorage.ExportLog, CrmStorage.Provider)] IPersistentState<ExportLogState> storage,
    GrainContext context)
    : DecidingGrain<ExportLogState>(storage, context), IExportLogGrain, IRemindable
{
    private const string JournalReminder = "journal";

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpJournalAsync();

    /// <inheritdoc />
    public Task<ExportAuditEntry> RecordAsync(ExportRecord record, string commandId) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(record);
        var number = State.Exports + 1;
        var exportId = $"export-{number}";
        var now = Now;
        State = State with { Exports = number };
        Record(JournalKinds.ExportMade, record.StoreId, exportId, new ExportRecorded(
            exportId, record.Export, record.UserId, record.Role, record.StoreId, record.Parameters, record.Rows, record.FileName, record.Address));
        return Task.FromResult(new ExportAuditEntry(
            exportId, record.Export, record.UserId, record.Role, record.StoreId, record.Parameters, record.Rows, record.FileName, now, record.Address));
    });

    /// <inheritdoc />
    public Task CatchUpAsync() => CatchUpJournalAsync();

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == JournalReminder ? AppendPendingOrStopReminderAsync(JournalReminder) : Task.CompletedTask;

    /// <inheritdoc />
    protected override Task JournalRecordedAsync() => KeepReminderAsync(JournalReminder);
}
