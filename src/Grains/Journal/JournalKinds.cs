namespace Orleans.Crm.Grains.Journal;

/// <summary>The kinds of journal events (one place, so the writers and the queries agree).</summary>
public static class JournalKinds
{
    /// <summary>A visit was registered (<see cref="LeadRegistered"/>), at the time the visitor really came.</summary>
    public const string LeadRegistered = "lead-registered";

    /// <summary>A lead became findable by the search (<see cref="Journal.LeadIndexed"/>): derives its blind-index rows.</summary>
    public const string LeadIndexed = "lead-indexed";

    /// <summary>A visitor's feedback form (体验反馈表) was received (<see cref="FeedbackReceived"/>); no lead exists for it.</summary>
    public const string FeedbackReceived = "feedback-received";

    /// <summary>A lead was marked key follow-up (重点追踪) or unmarked (<see cref="KeyFollowUpChanged"/>).</summary>
    public const string KeyFollowUp = "key-follow-up";

    /// <summary>A store was set up or changed (<see cref="Journal.StoreConfigured"/>): its name, time zone and groups.</summary>
    public const string StoreConfigured = "store-configured";

    /// <summary>Someone downloaded an export (<see cref="ExportRecorded"/>): the export audit (who, when, what).</summary>
    public const string ExportMade = "export-made";

    /// <summary>Someone read a customer's full details (<see cref="Journal.CustomerRead"/>); subject: the customer id, stream: the reader's.</summary>
    public const string CustomerRead = "customer-read";

    public const string LeadDispatched = "lead-dispatched";

    /// <summary>A pool lead was claimed (<see cref="LeadClaimed"/>); the entry's store is the claimant's.</summary>
    public const string LeadClaimed = "lead-claimed";

    public const string LeadClosed = "lead-closed";

    public const string DepositRecorded = "deposit-recorded";

    /// <summary>A lead's contract won the customer (<see cref="Journal.ContractSigned"/>); subject: the lead id.</summary>
    public const string ContractSigned = "contract-signed";

    /// <summary>A winning deposit or contract opened a project that owns the customer (<see cref="ProjectOpened"/>).</summary>
    public const string ProjectOpened = "project-opened";

    /// <summary>A project was completed: its ownership ended (<see cref="ProjectEnded"/>).</summary>
    public const string ProjectCompleted = "project-completed";

    /// <summary>A project's deposit was refunded or forfeited before a contract: its ownership ended (<see cref="ProjectEnded"/>).</summary>
    public const string ProjectReleased = "project-released";

    /// <summary>A project stage was started, accepted or sent back (<see cref="ProjectStageChanged"/>); the store's project list folds these.</summary>
    public const string ProjectStage = "project-stage";

    /// <summary>A change order was requested or signed (<see cref="ProjectChangeRecorded"/>).</summary>
    public const string ProjectChange = "project-change";

    /// <summary>A follow-up task was created (<see cref="TaskOpened"/>); derives a row of the task list.</summary>
    public const string TaskOpened = "task-opened";

    /// <summary>A task was done (<see cref="TaskDone"/>).</summary>
    public const string TaskDone = "task-done";

    /// <summary>A task is no longer needed (its lead closed or left the store) (<see cref="TaskDone"/>).</summary>
    public const string TaskCancelled = "task-cancelled";

    /// <summary>A manual dispatch override broke the dispatch rules: a fault slip (一般过失单) of the manager (<see cref="FaultSlipRecorded"/>).</summary>
    public const string FaultSlip = "fault-slip";

    /// <summary>A complaint or emergency was received (<see cref="ComplaintReceived"/>); subject: the complaint id.</summary>
    public const string ComplaintReceived = "complaint-received";

    /// <summary>A step of the complaint clock was recorded (<see cref="ComplaintStepRecorded"/>).</summary>
    public const string ComplaintStep = "complaint-step";

    /// <summary>A complaint deadline passed without its step (<see cref="ComplaintBreached"/>).</summary>
    public const string ComplaintBreached = "complaint-breached";

    /// <summary>The satisfaction call found the customer satisfied: the complaint closed (<see cref="ComplaintStepRecorded"/>).</summary>
    public const string ComplaintClosed = "complaint-closed";

    /// <summary>The satisfaction call found the customer dissatisfied: a new round of the clock (<see cref="ComplaintStepRecorded"/>).</summary>
    public const string ComplaintReopened = "complaint-reopened";

    /// <summary>
    /// A repeat complaint (<see cref="ComplaintRepeat"/>): recorded against the assessment of whoever missed the earlier
    /// complaint's deadlines (the evaluations count these).
    /// </summary>
    public const string ComplaintRepeat = "complaint-repeat";

    /// <summary>A customer reported a problem after completion: an after-sales repair opened (<see cref="RepairRecorded"/>).</summary>
    public const string RepairOpened = "repair-opened";

    /// <summary>The repair was assessed: nature, severity, plan (<see cref="RepairRecorded"/>).</summary>
    public const string RepairAssessed = "repair-assessed";

    /// <summary>A technician and time were set and the customer told (<see cref="RepairRecorded"/>).</summary>
    public const string RepairScheduled = "repair-scheduled";

    /// <summary>The technician did the repair (<see cref="RepairRecorded"/>).</summary>
    public const string RepairDone = "repair-done";

    /// <summary>The customer accepted the repair; callbacks follow (<see cref="RepairRecorded"/>).</summary>
    public const string RepairAccepted = "repair-accepted";

    /// <summary>The customer did not accept the repair: back to scheduling (<see cref="RepairRecorded"/>).</summary>
    public const string RepairRejected = "repair-rejected";

    /// <summary>Every callback, ticket and re-check of the repair is closed (<see cref="RepairRecorded"/>).</summary>
    public const string RepairClosed = "repair-closed";

    /// <summary>Every kind a repair records about itself (its state in a store's repair list is its latest).</summary>
    public static readonly ImmutableArray<string> Repair = [RepairOpened, RepairAssessed, RepairScheduled, RepairDone, RepairAccepted, RepairRejected, RepairClosed];

    /// <summary>A problem heard on a callback became a department ticket and a re-check call (<see cref="CallbackProblemRaised"/>).</summary>
    public const string CallbackProblem = "callback-problem";

    /// <summary>A task's deadline passed while it was open, noted once by its owner's sweep (<see cref="TaskOverdue"/>).</summary>
    public const string TaskOverdue = "task-overdue";

    /// <summary>A lead's first measurement (<see cref="LeadMeasured"/>).</summary>
    public const string LeadMeasured = "lead-measured";

    /// <summary>A designer refused a dispatched lead (<see cref="LeadRefused"/>).</summary>
    public const string LeadRefused = "lead-refused";

    /// <summary>The supervisor entered a designer's facts of a half month (<see cref="DesignerFactsEntered"/>).</summary>
    public const string DesignerFacts = "designer-facts";

    /// <summary>A store ranked its designers for a half month (<see cref="RankingRun"/>).</summary>
    public const string RankingRun = "ranking-run";

    /// <summary>A supervisor corrected a computed rank by hand (<see cref="RankCorrected"/>).</summary>
    public const string RankCorrected = "rank-corrected";

    /// <summary>What the designers' half-month score counts.</summary>
    public static readonly ImmutableArray<string> DesignerScoreFacts = [LeadDispatched, LeadMeasured, DepositRecorded, ContractSigned, LeadClosed, LeadRefused];

    /// <summary>The supervisor or HQ entered an account manager's quarter facts (<see cref="ManagerFactsEntered"/>); subject: the manager id.</summary>
    public const string ManagerFacts = "manager-facts";

    /// <summary>An internal satisfaction survey form about an account manager (<see cref="Journal.SurveyAnswered"/>); subject: the manager id.</summary>
    public const string SurveyAnswered = "survey-answered";

    /// <summary>A person left the chain (离职, <see cref="StaffLeft"/>); subject: their user id. Keeps their name for history.</summary>
    public const string StaffLeft = "staff-left";

    /// <summary>A person moved store or group (调店/调组, <see cref="StaffTransferred"/>); subject: their user id.</summary>
    public const string StaffTransferred = "staff-transferred";

    /// <summary>A lead handed over because its designer or manager left or moved (<see cref="LeadReassigned"/>); subject: the lead id.</summary>
    public const string LeadReassigned = "lead-reassigned";

    /// <summary>A follow-up or callback was recorded on a lead (<see cref="FollowUpRecorded"/>); subject: the lead id.</summary>
    public const string FollowUpRecorded = "follow-up-recorded";
}
