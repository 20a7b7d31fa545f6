using Microsoft.Extensions.Time.Testing;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Grains.Rules;

namespace Orleans.Crm.Tests.Rules;

/// <summary>Retention (issue 14): when a closed lead is due, and what anonymising keeps and removes.</summary>
public sealed class RetentionRulesTests
{
    private static readonly DateTimeOffset ClosedAt = new(2026, 3, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private static LeadView Lead() => new(
        "s1-7", "s1", "c-0123456789abcdef0123", 7, "欧阳青霞", "13912345678", VisitChannel.WalkIn, "s1-m1", "s1-g1-d2",
        LeadStatus.Lost, "grey", false, false, ClosedAt.AddDays(-20),
        [], [new DispatchRecord("s1-g1-d2", "s1-m1", false, false, null, "rank 2", [], ClosedAt.AddDays(-20))], [],
        new SigningRecord(5000m, "欧阳青霞", ClosedAt.AddDays(-5)), null, new MeasurementFee(300m, true, ClosedAt.AddDays(-10), null),
        [new LeadTask("follow-up", "s1-g1-d2", ClosedAt.AddDays(-17), "回访欧阳女士", "s1-7.three-day-follow-up", TaskStates.Done, ClosingNote: "她说周末再来")],
        [new FollowUp("s1-m1", "客户想要北欧风格", ClosedAt.AddDays(-12))],
        new CustomerNeeds(98m, "3室2厅", "北欧", "40万", SpecialNeeds: "老人房要无障碍"),
        "慕容秋水", "price",
        Community: "锦绣江南", Address: "虹桥路1665弄37号1802室", ReferrerPhone: "13800001111", PaperNumber: "P-12",
        CloseReason: CloseReasons.Price, Analysis: "嫌报价高", ClosedAt: ClosedAt);

    [Fact]
    public void ALeadIsDueOnlyOnceMoreThanTheRetentionYearsHavePassedSinceItClosed()
    {
        var clock = new FakeTimeProvider(ClosedAt.AddYears(3).AddSeconds(-1));

        Assert.False(RetentionRules.IsDue(ClosedAt, clock.GetUtcNow(), 3));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(RetentionRules.IsDue(ClosedAt, clock.GetUtcNow(), 3));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(RetentionRules.IsDue(ClosedAt, clock.GetUtcNow(), 3));
        Assert.False(RetentionRules.IsDue(ClosedAt, clock.GetUtcNow(), 5));
    }

    [Fact]
    public void AnonymisingRemovesTheCustomersPersonalDataAndKeepsTheLeadsStatistics()
    {
        var lead = Lead();

        var anonymised = RetentionRules.Anonymise(lead);

        Assert.Equal((RetentionRules.Marker, RetentionRules.Marker, ""), (anonymised.CustomerId, anonymised.Name, anonymised.Phone));
        Assert.Null(anonymised.Address);
        Assert.Null(anonymised.ReferrerName);
        Assert.Null(anonymised.ReferrerPhone);
        Assert.Null(anonymised.Analysis);
        Assert.Null(anonymised.Needs!.SpecialNeeds);
        Assert.Equal("", anonymised.FollowUps.Single().Note);
        Assert.Equal(("", null), (anonymised.Tasks.Single().Note, anonymised.Tasks.Single().ClosingNote));
        Assert.Equal(RetentionRules.Marker, anonymised.Deposit!.Name);
        Assert.True(RetentionRules.IsAnonymised(anonymised));
        Assert.False(RetentionRules.IsAnonymised(lead));

        // The statistics stay: store, dates, status, people, amounts, close reason, sizes.
        Assert.Equal(
            (lead.LeadId, lead.StoreId, lead.RunningNumber, lead.Status, lead.Channel, lead.ManagerId, lead.DesignerId, lead.RegisteredAt, lead.ClosedAt, lead.CloseReason),
            (anonymised.LeadId, anonymised.StoreId, anonymised.RunningNumber, anonymised.Status, anonymised.Channel, anonymised.ManagerId, anonymised.DesignerId, anonymised.RegisteredAt, anonymised.ClosedAt, anonymised.CloseReason));
        Assert.Equal((5000m, 300m), (anonymised.Deposit.Amount, anonymised.MeasurementFee!.Amount));
        Assert.Equal((98m, "北欧", "锦绣江南", "P-12"), (anonymised.Needs.AreaSquareMetres, anonymised.Needs.Style, anonymised.Community, anonymised.PaperNumber));
        Assert.Equal(lead.Dispatches.Single(), anonymised.Dispatches.Single());
        Assert.Equal(lead.FollowUps.Single().At, anonymised.FollowUps.Single().At);
    }

    [Fact]
    public void AnEventLosesItsPersonalFieldsAtAnyDepthAndKeepsIdsTimesAndAmounts()
    {
        const string data = """{"LeadId":"s1-7","RunningNumber":7,"Name":"欧阳青霞","Phone":"13912345678","Address":"虹桥路1665弄","RegisteredAt":"2026-02-23T10:00:00+08:00","Nested":[{"Note":"客户想要北欧风格","Amount":5000}],"CustomerId":"c-0123"}""";

        var redacted = RetentionRules.RedactEvent(data)!;

        Assert.DoesNotContain("欧阳青霞", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("虹桥路", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("北欧", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("c-0123", redacted, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(redacted);
        Assert.Equal(("s1-7", 7, RetentionRules.Marker), (json.RootElement.GetProperty("LeadId").GetString(), json.RootElement.GetProperty("RunningNumber").GetInt32(), json.RootElement.GetProperty("Name").GetString()));
        Assert.Equal(5000, json.RootElement.GetProperty("Nested")[0].GetProperty("Amount").GetInt32());
        Assert.Equal("2026-02-23T10:00:00+08:00", json.RootElement.GetProperty("RegisteredAt").GetString());
    }

    [Fact]
    public void AnEventWithoutPersonalFieldsOrAlreadyRedactedIsLeftAlone()
    {
        Assert.Null(RetentionRules.RedactEvent("""{"LeadId":"s1-7","DesignerId":"s1-g1-d2","At":"2026-02-23T10:00:00+08:00"}"""));

        var once = RetentionRules.RedactEvent("""{"LeadId":"s1-7","Name":"欧阳青霞","Phone":"13912345678"}""")!;

        Assert.Null(RetentionRules.RedactEvent(once));
    }
}
