using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Rules;
using Orleans.Crm.Grains.State;

namespace Orleans.Crm.Grains;

/// <summary>The archive of one closed lead. A leaf: it never calls another grain.</summary>
public sealed class LeadGrain(
    [PersistentState(CrmStorage.Lead, CrmStorage.Provider)] IPersistentState<ArchivedLeadState> storage,
    GrainContext context)
    : DecidingGrain<ArchivedLeadState>(storage, context), ILeadGrain
{
    /// <inheritdoc />
    public Task<LeadView?> GetAsync() => Task.FromResult(State.Lead);

    /// <inheritdoc />
    public Task ArchiveAsync(LeadView lead) => UpdateAsync(() =>
    {
        State = State with { Lead = lead };
        return Task.CompletedTask;
    });

    /// <inheritdoc />
    public async Task<bool> AnonymiseAsync(DateTimeOffset closedBefore)
    {
        if (State.Lead is not { } lead)
        {
            return true;
        }

        if (lead.ClosedAt is { } closedAt && closedAt >= closedBefore)
        {
            return false;
        }

        if (!RetentionRules.IsAnonymised(lead))
        {
            await UpdateAsync(() =>
            {
                State = State with { Lead = RetentionRules.Anonymise(lead) };
                return Task.CompletedTask;
            });
        }

        return true;
    }
}
