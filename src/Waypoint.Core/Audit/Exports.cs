namespace Waypoint.Core.Audit;

/// <summary>
/// The audited actions that take records out of Waypoint as a file. Every download records its action from here, and
/// the data protection officer's list of exports is these actions, so knowing where personal data went (UK GDPR
/// Art. 5(2), accountability) needs no list kept anywhere else.
/// </summary>
public static class Exports
{
    /// <summary>The tracker's young people as CSV.</summary>
    public const string Tracker = "download-tracker";

    /// <summary>The data quality page's messages as CSV.</summary>
    public const string DataQuality = "download-data-quality";

    /// <summary>The record of the eligibility decision (Care Act 2014 s.13(2)), Word.</summary>
    public const string DecisionRecord = "download-decision-record";

    /// <summary>The advice where no need is eligible (s.13(5)), Word.</summary>
    public const string AdviceLetter = "download-advice-letter";

    /// <summary>The reasons and advice for a refused request for an assessment (s.58(5)), Word.</summary>
    public const string RefusalLetter = "download-refusal-letter";

    /// <summary>A panel meeting's agenda pack, Word: one row for each young person in it.</summary>
    public const string PanelAgenda = "download-panel-agenda";

    /// <summary>The Transitions Board's quarterly report, Word or Excel: counts with small numbers withheld, no one named.</summary>
    public const string BoardReport = "download-board-report";

    /// <summary>The commissioners' demand and cost forecast, Excel: estimates and counts with small numbers withheld, no one named.</summary>
    public const string Forecast = "download-forecast";

    /// <summary>
    /// The analytics export for regional analysis, Parquet, from the analysts' page or the command line: pseudonymised
    /// rows with small groups generalised, and counts with small numbers withheld (Core/Insight/AnalyticsExport.cs).
    /// </summary>
    public const string RegionalAnalysis = "export-regional-analysis";

    /// <summary>The audit trail itself as CSV, by the data protection officer.</summary>
    public const string AuditTrailCsv = "download-audit-trail";

    public static readonly IReadOnlyList<string> All = [Tracker, DataQuality, DecisionRecord, AdviceLetter, RefusalLetter, PanelAgenda, BoardReport, Forecast, RegionalAnalysis, AuditTrailCsv];
}
