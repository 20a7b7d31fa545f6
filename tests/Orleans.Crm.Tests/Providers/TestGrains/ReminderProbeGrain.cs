using Orleans.Runtime;

namespace Orleans.Crm.Tests.Providers.TestGrains;

[GrainType("crm-tests-provider-reminder-probe")]
public sealed class ReminderProbeGrain(
    [PersistentState("reminder-probe", ProviderSilos.Storage)] IPersistentState<ReminderFirings> state) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task StartAsync(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task StopAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<ReminderFirings> GetFiringsAsync()
    {
        await state.ReadStateAsync();
        return state.State;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Count++;
        state.State.LastUtc = DateTime.UtcNow;
        await state.WriteStateAsync();
    }
}
