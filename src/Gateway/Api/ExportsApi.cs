using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Exports;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Excel exports (.xlsx, ClosedXML), each audited — who, when, what, how many rows — in the journal before the file is
/// handed out (a failed audit means no file). An export is one handler that checks its input and scope, reads a report
/// through the reports grain, builds an <see cref="ExportSheet"/> and returns <see cref="SendAsync"/>.
/// </summary>
public static class ExportsApi
{
    /// <summary>Who exports: HQ (any store) and a store's supervisor (their store). Exports carry names and phones.</summary>
    public static readonly string[] Exporters = [CrmRoles.Hq, CrmRoles.Supervisor];

    /// <summary>The longest period one register export covers.</summary>
    public const int MaxRegisterDays = 366;

    private const string ExportIdItem = "crm.export-command";

    /// <summary>Maps <c>/api/exports/…</c>.</summary>
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var exports = api.MapGroup("/exports").RequireAuthorization(CrmPolicies.Staff).WithTags("Exports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        // The workbooks: rate limited per user, a file or a problem (unknown store, bad period).
        var workbooks = exports.MapGroup(string.Empty)
            .RequireRateLimiting(RateLimits.Exports)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, contentTypes: [XlsxWriter.ContentType]))
            .ProducesProblem(StatusCodes.Status404NotFound);
        workbooks.MapGet("/register.xlsx", GetRegister)
            .WithSummary("The store's customer register (客户咨询登记表) of the store-local dates from–to (YYYY-MM-DD; default this month so far), each row filled with its status colour (DOMAIN §6); audited. HQ any store, a supervisor their own");
        workbooks.MapGet("/rankings.xlsx", GetRankings)
            .WithSummary("The designers' ranking of a half month (period=2026-11-H2, default the current one), per group best first, each score item's points a column (a preview before the period has run); audited. HQ any store, a supervisor their own");
        workbooks.MapGet("/manager-scores.xlsx", GetManagerScores)
            .WithSummary("Every account manager's quarterly score in the store (quarter=2026Q4, default this quarter), best first, each term's and adjustment's points a column, excellent ones filled green; audited. HQ any store, a supervisor their own");
        exports.MapGet("/audit", GetAudit)
            .WithSummary("Audited exports, newest first (who, when, what, rows): HQ all or one store (storeId=), a supervisor their store's; from/to store-local dates (YYYY-MM-DD)");
        return api;
    }

    /// <summary>
    /// Audits an export and hands its file out: the entry is recorded (once, however often the cluster retry filter runs
    /// the handler: the request keeps one command id) before a byte of the file is sent.
    /// </summary>
    public static async Task<FileContentHttpResult> SendAsync(HttpContext http, IGrainFactory grains, string export, string? storeId, string parameters, string fileName, ExportSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(sheet);
        var user = http.Staff();
        var bytes = XlsxWriter.Write(sheet);
        if (http.Items[ExportIdItem] is not string commandId)
        {
            commandId = Guid.NewGuid().ToString("N");
            http.Items[ExportIdItem] = commandId;
        }

        var record = new ExportRecord(export, user.UserId, user.Role, storeId, parameters, sheet.Rows.Count, fileName, http.Connection.RemoteIpAddress?.ToString());
        await Commands.RunAsync(http, "export", export, storeId, commandId, id => grains.GetGrain<IExportLogGrain>(0).RecordAsync(record, id));
        return TypedResults.File(bytes, XlsxWriter.ContentType, fileName);
    }

    private static async Task<FileContentHttpResult> GetRegister(string? storeId, string? from, string? to, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var user = http.Staff();
        user.EnsureRole(Exporters);
        var store = await StoresApi.FindStoreAsync(grains, HqApi.ScopedStore(user, storeId, required: true)!);
        var (first, last) = Period(from, to, ApiDates.Today(time, store.TimeZone), MaxRegisterDays);
        var rows = await grains.GetGrain<IReportsGrain>(0).GetRegisterAsync(store.StoreId, store.TimeZone, first, last);
        var period = $"{ApiDates.Write(first)}–{ApiDates.Write(last)}";
        return await SendAsync(
            http,
            grains,
            "register",
            store.StoreId,
            $"storeId={store.StoreId}&from={ApiDates.Write(first)}&to={ApiDates.Write(last)}",
            $"register-{store.StoreId}-{ApiDates.Write(first)}-{ApiDates.Write(last)}.xlsx",
            RegisterSheet(store, period, rows));
    }

    private static async Task<FileContentHttpResult> GetRankings(string? storeId, string? period, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var user = http.Staff();
        user.EnsureRole(Exporters);
        var store = await StoresApi.FindStoreAsync(grains, HqApi.ScopedStore(user, storeId, required: true)!);
        var half = period is null
            ? HalfMonthPeriod.Of(ApiDates.Today(time, store.TimeZone))
            : HalfMonthPeriod.Parse(period, "period");
        var ranking = await grains.GetGrain<IReportsGrain>(0).GetRankingAsync(store.StoreId, half.ToString());
        var items = ranking.Groups.SelectMany(g => g.Designers).SelectMany(d => d.Items).Select(i => i.Item).Distinct(StringComparer.Ordinal).ToList();
        ExportColumn[] fixedColumns =
        [
            new("小组 Group", 14), new("名次 Rank", 8), new("设计师 Designer", 14), new("编号 Id", 14), new("得分 Score", 10, "0.0"),
            new("签单 Contracts", 10), new("产值 Output", 14, "#,##0.00"), new("级别 Grade", 10), new("人工调整 Correction", 28),
        ];
        var rows = ranking.Groups.SelectMany(g => g.Designers.Select(d => new ExportRow(
        [
            g.ManagerName, d.Rank, d.Name, d.DesignerId, d.Score, d.Contracts, d.Output, d.Grade.ToString().ToLowerInvariant(),
            d.Correction is { } c ? $"{c.FromRank} → {c.ToRank}: {c.Reason}" : null,
            .. items.Select(item => (object?)d.Items.FirstOrDefault(i => i.Item == item)?.Points),
        ]))).ToList();
        var title = $"设计师排名 Designer ranking · {store.Name} ({store.StoreId}) · {ranking.Period}{(ranking.Run ? "" : " (预览 preview)")}";
        return await SendAsync(http, grains, "rankings", store.StoreId, $"storeId={store.StoreId}&period={ranking.Period}",
            $"rankings-{store.StoreId}-{ranking.Period}.xlsx",
            new ExportSheet("排名 Ranking", title, [.. fixedColumns, .. items.Select(i => new ExportColumn(i, 10, "0.0"))], rows));
    }

    private static async Task<FileContentHttpResult> GetManagerScores(string? storeId, string? quarter, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Exporters);
        var store = await StoresApi.FindStoreAsync(grains, HqApi.ScopedStore(user, storeId, required: true)!);
        var checkedQuarter = quarter is null ? null : Quarter.Parse(quarter, "quarter").ToString();
        var cards = await grains.GetGrain<IReportsGrain>(0).GetManagerScoresAsync(store.StoreId, store.TimeZone, checkedQuarter, [.. store.Groups.Select(g => g.ManagerId)]);
        var terms = cards.SelectMany(c => c.Terms).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        var adjustments = cards.SelectMany(c => c.Adjustments).Select(a => a.Adjustment).Distinct(StringComparer.Ordinal).ToList();
        var names = store.Groups.ToDictionary(g => g.ManagerId, g => g.ManagerName, StringComparer.Ordinal);
        var rows = cards.OrderByDescending(c => c.Total).ThenBy(c => c.ManagerId, StringComparer.Ordinal).Select(c => new ExportRow(
        [
            names.GetValueOrDefault(c.ManagerId), c.ManagerId, c.Total, c.Excellent ? "是 yes" : null,
            .. terms.Select(t => (object?)c.Terms.FirstOrDefault(x => x.Term == t)?.Points),
            .. adjustments.Select(a => (object?)c.Adjustments.FirstOrDefault(x => x.Adjustment == a)?.Points),
            c.Survey.Average, c.HalfYear is { } h ? $"{h.Rank}/{h.Of}{(h.Flagged ? " ⚑" : "")}" : null,
        ], c.Excellent ? "#DCFCE7" : null)).ToList();
        var q = cards.FirstOrDefault()?.Quarter ?? checkedQuarter ?? "";
        ExportColumn[] columns =
        [
            new("客户经理 Manager", 14), new("编号 Id", 14), new("总分 Total", 10, "0.0"), new("优秀 Excellent", 10),
            .. terms.Select(t => new ExportColumn(t, 12, "0.0")), .. adjustments.Select(a => new ExportColumn(a, 12, "0.0")),
            new("满意度 Survey", 10, "0.0"), new("半年排名 Half year", 12),
        ];
        return await SendAsync(http, grains, "manager-scores", store.StoreId, $"storeId={store.StoreId}&quarter={q}",
            $"manager-scores-{store.StoreId}-{q}.xlsx",
            new ExportSheet("客户经理考核 Scores", $"客户经理季度考核 Account-manager scores · {store.Name} ({store.StoreId}) · {q}", columns, rows));
    }

    private static async Task<Ok<ImmutableArray<ExportAuditEntry>>> GetAudit(string? storeId, string? from, string? to, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Exporters);
        storeId = HqApi.ScopedStore(user, storeId, required: false);
        var timeZone = storeId is null ? ComplaintsApi.ChainTimeZone : (await StoresApi.FindStoreAsync(grains, storeId)).TimeZone;
        var first = from is null ? (DateOnly?)null : ApiDates.Parse(from, "from");
        var last = to is null ? (DateOnly?)null : ApiDates.Parse(to, "to");
        if (first > last)
        {
            throw CrmException.Invalid("to", $"The to field ({to}) must not be before from ({from}).");
        }

        // Entries a dead activation saved but did not append yet reach the journal first.
        await grains.GetGrain<IExportLogGrain>(0).CatchUpAsync();
        var entries = await grains.GetGrain<IReportsGrain>(0).GetExportAuditAsync(
            storeId,
            first is { } f ? StartOfDay(f, timeZone) : null,
            last is { } l ? StartOfDay(l.AddDays(1), timeZone) : null);
        return TypedResults.Ok(entries);
    }

    /// <summary>
    /// A period of store-local dates: from/to as YYYY-MM-DD (400 naming the field), from ≤ to, at most
    /// <paramref name="maxDays"/> days; by default the current month up to today.
    /// </summary>
    public static (DateOnly From, DateOnly To) Period(string? from, string? to, DateOnly today, int maxDays)
    {
        var last = to is null ? today : ApiDates.Parse(to, "to");
        var first = from is null ? new DateOnly(last.Year, last.Month, 1) : ApiDates.Parse(from, "from");
        if (first > last)
        {
            throw CrmException.Invalid("to", $"The to field ({ApiDates.Write(last)}) must not be before from ({ApiDates.Write(first)}).");
        }

        if (last.DayNumber - first.DayNumber + 1 > maxDays)
        {
            throw CrmException.Invalid("to", $"One export covers at most {maxDays} days; from {ApiDates.Write(first)} to {ApiDates.Write(last)} is {last.DayNumber - first.DayNumber + 1}.");
        }

        return (first, last);
    }

    private static ExportSheet RegisterSheet(StoreView store, string period, ImmutableArray<RegisterRow> rows)
    {
        ExportColumn[] columns =
        [
            new("编号 No.", 8), new("登记时间 Registered", 18), new("渠道 Channel", 10), new("姓名 Name", 14), new("电话 Phone", 16),
            new("小区 Community", 16), new("地址 Address", 24), new("客户经理 Manager", 14), new("设计师 Designer", 14),
            new("状态 Status", 20), new("原因 Reason", 16), new("定金 Deposit", 12, "#,##0.00"), new("合同额 Contract", 14, "#,##0.00"),
            new("纸质单号 Paper No.", 14), new("补录 Late entry", 10), new("线索 Lead", 16),
        ];
        var lines = rows.Select(r =>
        {
            var (fill, font) = StatusFill.Of(r.Status.ColorName());
            return new ExportRow(
            [
                r.RunningNumber, LocalTime(r.RegisteredAt, store.TimeZone), r.Channel.ToString().ToLowerInvariant(), r.Name, r.Phone,
                r.Community, r.Address, r.ManagerId, r.DesignerId, StatusFill.Label(r.Status), r.CloseReason, r.DepositAmount, r.ContractAmount,
                r.PaperNumber, r.LateEntry ? "是 yes" : null, r.LeadId,
            ], fill, font);
        }).ToList();
        var legend = Enum.GetValues<LeadStatus>().Select(s =>
        {
            var (fill, font) = StatusFill.Of(s.ColorName());
            return new ExportRow([StatusFill.Label(s), s.ColorName()], fill, font);
        }).ToList();
        return new ExportSheet("登记表 Register", $"客户咨询登记表 Customer register · {store.Name} ({store.StoreId}) · {period}", columns, lines)
        {
            Extra = [new ExportSheet("颜色 Colours", "状态颜色 Status colours (DOMAIN §6)", [new("状态 Status", 24), new("颜色 Colour", 12)], legend)],
        };
    }

    private static DateTime LocalTime(DateTimeOffset at, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(at, zone).DateTime, DateTimeKind.Unspecified);
    }

    private static DateTimeOffset StartOfDay(DateOnly date, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
