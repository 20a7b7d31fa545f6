namespace Orleans.Crm.Grains.Model;

/// <summary>
/// The internal satisfaction survey (内部满意度调查表, seed 000's appendix) that the store's supervisor and designers fill
/// in about an account manager: eleven statements, each answered "it is so" (是这样), "no answer" (不回答) or "it is not
/// so" (不是这样), worth the points below; a full form totals 100.
/// </summary>
public static class SurveyItems
{
    /// <summary>是这样: the statement holds.</summary>
    public const string Yes = "yes";

    /// <summary>不回答: the respondent does not say.</summary>
    public const string NoAnswer = "no-answer";

    /// <summary>不是这样: the statement does not hold.</summary>
    public const string No = "no";

    /// <summary>The answers, as the API spells them.</summary>
    public static IReadOnlyList<string> Answers { get; } = [Yes, NoAnswer, No];

    /// <summary>The statements in the seed's order, with the points of each answer.</summary>
    public static IReadOnlyList<SurveyItem> All { get; } =
    [
        new("dispatch-fair", "派单是公正的", "Dispatch is fair", 16, 8, 4),
        new("measure-sign-support", "对量房、签单起到不可缺少的作用", "Indispensable for measurements and contracts", 16, 8, 4),
        new("records-business", "及时、准确登记业务信息", "Records business information promptly and accurately", 12, 6, 3),
        new("knows-products", "对公司产品熟练掌握", "Knows the company's products well", 12, 6, 3),
        new("presents-company", "对公司情况介绍完整", "Presents the company completely", 8, 4, 2),
        new("answers-phone", "及时接听电话,不擅自离岗", "Answers the phone promptly, never leaves the post without leave", 8, 4, 2),
        new("works-with-me", "与我在工作上配合很好", "Works well with me", 8, 4, 2),
        new("serves-customers", "积极、主动地为客户服务", "Serves customers actively", 8, 4, 2),
        new("handles-disputes", "能够真诚处理人际纠纷和客户投诉", "Handles disputes and customer complaints sincerely", 4, 2, 1),
        new("careful-work", "工作认真细致", "Works carefully and thoroughly", 4, 2, 1),
        new("admin-work", "保质、保量的完成日常行政工作", "Completes daily administrative work fully and well", 4, 2, 1),
    ];

    /// <summary>The item ids, in order.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(i => i.ItemId)];

    /// <summary>The item with this id, or null.</summary>
    public static SurveyItem? Find(string itemId) => All.FirstOrDefault(i => i.ItemId == itemId);
}
