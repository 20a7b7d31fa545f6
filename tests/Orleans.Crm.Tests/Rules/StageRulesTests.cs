using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

public sealed class StageRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8));

    private static StageCommand By(string stage, string role = "supervisor", bool signed = true) => new(stage, "u-1", role, null, signed);

    /// <summary>Every stage before <paramref name="stage"/> accepted (the review by the supervisor).</summary>
    private static ImmutableList<StageView> AcceptedUpTo(string stage)
    {
        var stages = StageRules.Initial();
        foreach (var s in ProjectStages.All.TakeWhile(s => s != stage))
        {
            stages = StageRules.Start(stages, By(s), Now);
            stages = StageRules.Accept(stages, By(s), Now, contractSigned: true);
        }

        return stages;
    }

    [Fact]
    public void ANewProjectHasEveryStageInOrderPendingDesignBeforeConstruction()
    {
        var stages = StageRules.Initial();

        Assert.Equal(ProjectStages.All, stages.Select(s => s.Stage));
        Assert.All(stages, s => Assert.Equal(StageStates.Pending, s.State));
        Assert.Equal(["measurement", "quote", "drawings", "review", "contract", "handover", "briefing"], stages.Where(s => s.Phase == "design").Select(s => s.Stage));
        Assert.Equal("work-order", stages.First(s => s.Phase == "construction").Stage);
        Assert.Equal("final-settlement", stages[^1].Stage);
        Assert.Equal("measurement", StageRules.Current(stages)!.Stage);
    }

    [Fact]
    public void AStageStartsOnlyAfterThePreviousOneIsAcceptedAndTheRefusalNamesIt()
    {
        var stages = StageRules.Start(StageRules.Initial(), By("measurement"), Now);

        var refusal = Assert.Throws<CrmException>(() => StageRules.Start(stages, By("quote"), Now));
        var skipping = Assert.Throws<CrmException>(() => StageRules.Start(StageRules.Initial(), By("crew-in"), Now));

        Assert.Equal((CrmErrorKind.Conflict, "stage"), (refusal.Kind, refusal.Field));
        Assert.Contains("measurement", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("site-briefing", skipping.Message, StringComparison.Ordinal);
        var accepted = StageRules.Accept(stages, By("measurement"), Now, false);
        Assert.Equal(StageStates.Started, StageRules.Start(accepted, By("quote"), Now).First(s => s.Stage == "quote").State);
    }

    [Fact]
    public void AStageIsAcceptedOnlyOnceStartedAndWithTheCustomersSignature()
    {
        var started = StageRules.Start(StageRules.Initial(), By("measurement"), Now);

        var notStarted = Assert.Throws<CrmException>(() => StageRules.Accept(StageRules.Initial(), By("measurement"), Now, false));
        var unsigned = Assert.Throws<CrmException>(() => StageRules.Accept(started, By("measurement", signed: false), Now, false));
        var accepted = StageRules.Accept(started, By("measurement"), Now, false);
        var twice = Assert.Throws<CrmException>(() => StageRules.Accept(accepted, By("measurement"), Now, false));

        Assert.Equal(CrmErrorKind.Conflict, notStarted.Kind);
        Assert.Equal((CrmErrorKind.Invalid, "customerSigned"), (unsigned.Kind, unsigned.Field));
        Assert.Equal((StageStates.Accepted, "u-1", true, Now), (accepted[0].State, accepted[0].AcceptedBy, accepted[0].CustomerSigned, accepted[0].AcceptedAt));
        Assert.Equal(CrmErrorKind.Conflict, twice.Kind);
        Assert.Equal("quote", StageRules.Current(accepted)!.Stage);
    }

    [Theory]
    [InlineData("measurement", "manager", true)]
    [InlineData("measurement", "designer", true)]
    [InlineData("measurement", "pm", false)]
    [InlineData("measurement", "service", false)]
    [InlineData("work-order", "pm", true)]
    [InlineData("work-order", "manager", false)]
    [InlineData("work-order", "designer", false)]
    [InlineData("completion-acceptance", "pm", true)]
    [InlineData("completion-acceptance", "supervisor", true)]
    [InlineData("completion-acceptance", "hq", true)]
    [InlineData("completion-acceptance", "frontdesk", false)]
    public void TheDesignTeamStartsDesignStagesAndTheProjectManagerConstructionStages(string stage, string role, bool allowed)
    {
        var stages = AcceptedUpTo(stage);

        if (allowed)
        {
            Assert.Equal(StageStates.Started, StageRules.Start(stages, By(stage, role), Now).First(s => s.Stage == stage).State);
            Assert.Contains(role, StageRules.MayAccept(stage));
        }
        else
        {
            var refusal = Assert.Throws<CrmException>(() => StageRules.Start(stages, By(stage, role), Now));
            Assert.Equal(CrmErrorKind.Forbidden, refusal.Kind);
        }
    }

    [Fact]
    public void OnlyTheSupervisorOrHqApprovesTheReviewWithoutTheCustomer()
    {
        var review = StageRules.Start(AcceptedUpTo("review"), By("review", "designer"), Now);

        var byManager = Assert.Throws<CrmException>(() => StageRules.Accept(review, By("review", "manager"), Now, false));
        var approved = StageRules.Accept(review, By("review", "supervisor", signed: false), Now, false);

        Assert.Equal(CrmErrorKind.Forbidden, byManager.Kind);
        Assert.Equal(StageStates.Accepted, approved.First(s => s.Stage == "review").State);
    }

    [Fact]
    public void SendingTheReviewBackReopensTheDrawingsWithTheReasonAndTheReviewWaitsForThem()
    {
        var review = StageRules.Start(AcceptedUpTo("review"), By("review", "designer"), Now);

        var sentBack = StageRules.SendBack(review, "  kitchen layout wrong ", "supervisor", Now);
        var byDesigner = Assert.Throws<CrmException>(() => StageRules.SendBack(review, "x", "designer", Now));
        var noReason = Assert.Throws<CrmException>(() => StageRules.SendBack(review, " ", "supervisor", Now));
        var notStarted = Assert.Throws<CrmException>(() => StageRules.SendBack(sentBack, "again", "supervisor", Now));

        var r = sentBack.First(s => s.Stage == "review");
        Assert.Equal((StageStates.Pending, "kitchen layout wrong"), (r.State, r.SentBackReason));
        Assert.Equal(StageStates.Started, sentBack.First(s => s.Stage == "drawings").State);
        Assert.Equal("drawings", StageRules.Current(sentBack)!.Stage);
        Assert.Throws<CrmException>(() => StageRules.Start(sentBack, By("review"), Now));
        Assert.Equal((CrmErrorKind.Forbidden, CrmErrorKind.Invalid, CrmErrorKind.Conflict), (byDesigner.Kind, noReason.Kind, notStarted.Kind));
    }

    [Fact]
    public void TheContractStageIsAcceptedOnlyOnceTheContractIsSigned()
    {
        var contract = StageRules.Start(AcceptedUpTo("contract"), By("contract"), Now);

        var refusal = Assert.Throws<CrmException>(() => StageRules.Accept(contract, By("contract"), Now, contractSigned: false));

        Assert.Equal(CrmErrorKind.Conflict, refusal.Kind);
        Assert.Equal(StageStates.Accepted, StageRules.Accept(contract, By("contract"), Now, contractSigned: true).First(s => s.Stage == "contract").State);
    }

    [Fact]
    public void AnUnknownStageIsRefusedListingTheStages()
    {
        var refusal = Assert.Throws<CrmException>(() => StageRules.Start(StageRules.Initial(), By("painting"), Now));

        Assert.Equal((CrmErrorKind.Invalid, "stage"), (refusal.Kind, refusal.Field));
        Assert.Contains("waterproofing-test", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheJournalFoldGivesTheSameStagesAsTheRules()
    {
        var folded = new Dictionary<string, string>();
        ProjectStageFold.Apply(folded, "measurement", "started");
        ProjectStageFold.Apply(folded, "measurement", "accepted");
        ProjectStageFold.Apply(folded, "drawings", "accepted");
        ProjectStageFold.Apply(folded, "review", "started");
        ProjectStageFold.Apply(folded, "review", "sent-back");

        Assert.Equal(("accepted", "started", "pending"), (folded["measurement"], folded["drawings"], folded["review"]));
    }
}
