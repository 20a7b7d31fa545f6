using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>
/// One after-sales repair (key: its repair id, <see cref="Model.RepairIds"/>). It decides the repair's flow, its
/// warranty verdict, its callback tasks and the tickets a callback raises; its deadlines are due times in its state,
/// driven by its own sweep reminder. It never calls another grain (it reads the journal for the project's completion),
/// so any caller may await it.
/// </summary>
public interface IRepairGrain : IGrainWithStringKey
{
    /// <summary>The repair, or null when none was opened under this id.</summary>
    Task<RepairView?> GetAsync();

    /// <summary>Opens the repair (feedback received); 409 when the project is not completed (construction defects go to the project manager).</summary>
    Task<RepairView> OpenAsync(OpenRepair command, string? commandId = null);

    Task<RepairView> AssessAsync(AssessRepair command, string? commandId = null);

    Task<RepairView> ScheduleAsync(ScheduleRepair command, string? commandId = null);

    /// <summary>The technician did the scheduled repair; the customer's acceptance is awaited.</summary>
    Task<RepairView> RecordRepairedAsync(string? note, string? by, string? commandId = null);

    /// <summary>The customer's acceptance: accepted → callbacks; not accepted → back to scheduling.</summary>
    Task<RepairView> RecordAcceptanceAsync(bool accepted, string? note, string? by, string? commandId = null);

    /// <summary>Marks one of the repair's open tasks done (404 unknown, 409 not open).</summary>
    Task<LeadTask> CompleteTaskAsync(string taskId, string? by, string? note, string? commandId = null);

    /// <summary>
    /// A problem heard on one of the repair's callback tasks: the callback is done, a ticket for the department is due
    /// within the ticket delay (1 h) and a re-check call within the re-check delay (24 h). 409 when the task is no callback
    /// or a problem was already raised on it.
    /// </summary>
    Task<ImmutableArray<LeadTask>> ReportProblemAsync(string taskId, CallbackProblem problem, string? commandId = null);
}
