namespace Orleans.Crm.Runtime;

/// <summary>Implemented by grains that set durable reminders.</summary>
/// <remarks>
/// A due reminder is claimed by one silo and delivered as a normal grain call whose commit also removes
/// the reminder row; the delivery's command id is derived from the reminder and its due time, so a
/// redelivery after a crash is recognised and applies nothing twice.
/// </remarks>
public interface IRemindable
{
    /// <summary>Handles a due reminder. Set it again inside the call to make it recur.</summary>
    Task ReceiveReminderAsync(string name, string? payload, DateTimeOffset dueAt);
}
