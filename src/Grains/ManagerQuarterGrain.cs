using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Journal;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>
/// Decides an account manager's quarter (<c>{managerId}/{quarter}</c>): the entered facts and the internal satisfaction
/// survey forms. Every change is recorded in the journal, which the score report reads. A leaf: it never calls a grain.
/// </summary>
public sealed class ManagerQuarterGrain(
    [PersistentState(CrmStorage.ManagerQuarter, CrmStorage.Provider)] IPersistentState<ManagerQuarterState> storage,
    GrainContext context)
    : DecidingGrain<ManagerQuarterState>(storage, context), IManagerQuarterGrain, IRemindable
{
    /// <summary>The reminder that appends events a dead activation left (tests deliver it directly).</summary>
    public const string JournalReminder = "journal";

    private string ManagerId => this.GetPrimaryKeyString().Split('/')[0];

    private string QuarterName => this.GetPrimaryKeyString().Split('/')[1];

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUpJournalAsync();

    /// <inheritdoc />
    public Task<ManagerFactsView?> GetFactsAsync() => Task.FromResult(State.Facts);

    /// <inheritdoc />
    public Task<ManagerFactsView> SetFactsAsync(string storeId, string timeZone, ManagerFacts facts, string enteredBy, string? commandId = null) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(facts);
        CheckBegun(timeZone);
        Check(facts);
        if (State.Facts is { } current && current.StoreId == storeId && current.Facts == facts)
        {
            // The same facts again (a repeated PUT): nothing changes, nothing is recorded.
            return Task.FromResult(current);
        }

        var view = new ManagerFactsView(ManagerId, storeId, QuarterName, facts, enteredBy, Now);
        State = State with { Facts = view };
        Record(JournalKinds.ManagerFacts, storeId, ManagerId, new ManagerFactsEntered(ManagerId, QuarterName, facts, enteredBy));
        return Task.FromResult(view);
    });

    /// <inheritdoc />
    public Task<SurveyRecorded> AnswerSurveyAsync(string storeId, string timeZone, SurveyAnswer answer, string? commandId = null) => CommandAsync(commandId, () =>
    {
        ArgumentNullException.ThrowIfNull(answer);
        CheckBegun(timeZone);
        var items = InternalSurvey.Score(answer.Answers.IsDefault ? [] : answer.Answers);
        var replaced = State.Surveys.Any(s => s.RespondentId == answer.RespondentId);
        var recorded = new SurveyRecorded(ManagerId, storeId, QuarterName, answer.RespondentId, answer.Role, items.Sum(i => i.Points), items, replaced, Now);
        State = State with { Surveys = State.Surveys.RemoveAll(s => s.RespondentId == answer.RespondentId).Add(recorded) };
        Record(JournalKinds.SurveyAnswered, storeId, ManagerId, new SurveyAnswered(ManagerId, QuarterName, answer.RespondentId, answer.Role, recorded.Total, items));
        return Task.FromResult(recorded);
    });

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == JournalReminder ? AppendPendingOrStopReminderAsync(JournalReminder) : Task.CompletedTask;

    /// <summary>
    /// A write that records events keeps a reminder on, so events whose append died with the silo reach the journal even
    /// if nobody calls this quarter again (the reminder stops itself once nothing is pending).
    /// </summary>
    protected override Task JournalRecordedAsync() => KeepReminderAsync(JournalReminder);

    /// <summary>Facts and forms are for a quarter that has begun on the store's calendar (the rules' clock).</summary>
    private void CheckBegun(string timeZone)
    {
        var quarter = Quarter.Parse(QuarterName, "quarter");
        var current = StoreQuarter.Of(Now, timeZone);
        if (quarter.Year > current.Year || (quarter.Year == current.Year && quarter.Number > current.Number))
        {
            throw CrmException.Invalid("quarter", $"The quarter {quarter} has not begun (this quarter is {current}).");
        }
    }

    private static void Check(ManagerFacts facts)
    {
        if (facts.MainMaterialSales is < 0 or > 100_000_000m)
        {
            throw CrmException.Invalid("mainMaterialSales", "The main-material sales must be an amount between 0 and 100000000.");
        }

        if (facts.ProjectOutput is < 0 or > 1_000_000_000m)
        {
            throw CrmException.Invalid("projectOutput", "The project output must be an amount between 0 and 1000000000 (or omitted: the recorded contract amounts).");
        }

        if (facts.PhoneInvitations is < 0 or > 100_000)
        {
            throw CrmException.Invalid("phoneInvitations", "The phone invitations must be between 0 and 100000.");
        }

        if (facts.InvitedVisits < 0 || facts.InvitedVisits > facts.PhoneInvitations)
        {
            throw CrmException.Invalid("invitedVisits", $"The invited customers who came must be between 0 and the phone invitations ({facts.PhoneInvitations}).");
        }

        if (facts.Quarrels is < 0 or > 100)
        {
            throw CrmException.Invalid("quarrels", "The quarrels must be between 0 and 100.");
        }

        if (facts.Note is { Length: > 500 })
        {
            throw CrmException.Invalid("note", "The note must be at most 500 characters.");
        }
    }
}
