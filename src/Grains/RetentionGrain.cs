using Microsoft.Extensions.Options;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// The retention sweep (issue 14). Leads closed more than <c>Security:RetentionYears</c> ago (by the rules' clock) are
/// found in the journal's <c>lead-closed</c> events after <see cref="RetentionState.DoneThrough"/>, oldest first, a
/// batch per tick; each one's archive is anonymised (it decides whether it is really due: a lead closed again later is
/// not) and then its journal events are redacted. Both steps are idempotent, so a tick that dies half-way is simply
/// repeated: the watermark moves only after the batch is done.
/// </summary>
public sealed class RetentionGrain(
    [PersistentState(CrmStorage.Retention, CrmStorage.Provider)] IPersistentState<RetentionState> storage,
    GrainContext context,
    IOptions<RetentionOptions> retention)
    : DecidingGrain<RetentionState>(storage, context), IRetentionGrain, IRemindable
{
    /// <summary>The sweep reminder's name.</summary>
    public const string SweepReminder = "retention";

    private readonly RetentionOptions _retention = retention.Value;

    /// <inheritdoc />
    public async Task StartAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, _retention.RetentionSweepPeriod, _retention.RetentionSweepPeriod);
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SweepReminder ? SweepAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async Task<RetentionSweep> SweepAsync()
    {
        var cutoff = RetentionRules.Cutoff(Now, _retention.RetentionYears);
        var closed = await Journal.ReadAsync(new JournalQuery(
            [JournalKinds.LeadClosed], From: State.DoneThrough, To: cutoff, Limit: _retention.RetentionBatch));
        var anonymised = 0;
        foreach (var leadId in closed.Select(e => e.Subject).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await GrainFactory.GetGrain<ILeadGrain>(leadId).AnonymiseAsync(cutoff))
            {
                await Journal.RedactLeadAsync(leadId, RetentionRules.RedactEvent);
                anonymised++;
            }
        }

        // A full batch may have left events at its last instant: the next tick starts there (From is inclusive).
        var through = closed.Count < _retention.RetentionBatch ? cutoff : closed[^1].At;
        await UpdateAsync(() =>
        {
            if (State.DoneThrough != through || anonymised > 0)
            {
                State = State with { DoneThrough = through, Anonymised = State.Anonymised + anonymised };
            }

            return Task.CompletedTask;
        });
        return new RetentionSweep(anonymised, through);
    }
}
