using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using static Waypoint.Core.Ingest.FieldChecks;

namespace Waypoint.Core.Ingest;

/// <summary>
/// SSDA903 CSV tables. The Header gives one source record per CHILD; every other table's rows attach to those
/// children by CHILD (formats.md section 1). Codes are upper-cased before they are compared.
/// </summary>
internal static class Ssda903Parser
{
    public static IEnumerable<ParsedItem> Parse(string path, ParseContext context)
    {
        var report = context.Report;
        var episodesToReject = report.Kind == SourceFileKind.Ssda903Episodes ? EpisodesToReject(path, report) : null;
        using var rows = new CsvRows(path, report);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (rows.Read())
        {
            report.RecordsRead++;
            var line = rows.Line;
            var child = rows.Get("CHILD");
            if (child is null)
            {
                report.Error(DataQualityRules.PersonKeyMissing, line, "CHILD", "is missing: the row has no child id");
                report.Rejected++;
                continue;
            }

            ParsedItem? item;
            if (report.Kind == SourceFileKind.Ssda903Header)
            {
                if (!seen.Add(child))
                {
                    report.Error(DataQualityRules.DuplicateKey, line, "CHILD", $"child {child} appears more than once in the Header; this row is rejected");
                    report.Rejected++;
                    continue;
                }
                item = Header(rows, child, line, context);
            }
            else
            {
                var detail = TableRow(rows, line, context, episodesToReject);
                item = detail is null ? null : new ParsedDetail(child, detail);
            }

            if (item is null) report.Rejected++;
            else yield return item;
        }
    }

    private static ParsedRecord? Header(CsvRows rows, string child, int line, ParseContext context)
    {
        var report = context.Report;
        if (!DateOfBirth(context, line, "DOB", rows.Get("DOB"), iso: false, out var dob)) return null;
        if (!OptionalDate(report, line, "MC_DOB", rows.Get("MC_DOB"), iso: false, out var motherChildDob)) return null;

        var record = context.NewRecord(child, line);
        record.DateOfBirth = dob;
        record.Sex = Sex(Code(report, line, "SEX", rows.Code("SEX"), CodeLists.Sex903));
        record.Ethnicity = Code(report, line, "ETHNIC", rows.Code("ETHNIC"), CodeLists.Ethnicity);

        var identifiers = new List<SourceIdentifier> { Key(context, IdentifierKind.CouncilChildId, child) };
        if (Upn(context, line, "UPN", rows.Get("UPN")) is { } upn) identifiers.Add(upn);

        var details = new List<RecordDetail>();
        var mother = rows.Code("MOTHER");
        if (mother is not null || motherChildDob is not null)
            details.Add(context.Detail(new ParentInCare { Mother = mother, ChildDateOfBirth = motherChildDob }, line));
        return new ParsedRecord(record, identifiers, details);
    }

    /// <summary>
    /// Reads every episode's CHILD, DECOM and DEC before the rows are parsed, since a child's episodes can be anywhere in
    /// the file, and decides which rows the checks across a child's episodes reject. Rows with problems of their own
    /// are left out here: they are rejected for those.
    /// </summary>
    private static Dictionary<int, EpisodeChecks.Rejection> EpisodesToReject(string path, FileReport report)
    {
        // One flat list of (child number, dates), read from spans: a national file has about a million episodes.
        var children = new Dictionary<string, int>(StringComparer.Ordinal);
        var child = children.GetAlternateLookup<ReadOnlySpan<char>>();
        var episodes = new List<(int Child, EpisodeChecks.Dates Dates)>();
        using (var rows = new CsvRows(path, report))
        {
            while (rows.Read())
            {
                var id = rows.Span("CHILD");
                if (id.IsEmpty || !TryUkDate(rows.Span("DECOM"), out var start)) continue;
                DateOnly? end = null;
                var dec = rows.Span("DEC");
                if (!dec.IsEmpty)
                {
                    if (!TryUkDate(dec, out var d) || d < start) continue;
                    end = d;
                }
                if (!child.TryGetValue(id, out var number)) child[id] = number = children.Count;
                episodes.Add((number, new EpisodeChecks.Dates(rows.Line, start, end)));
            }
        }
        // Sorted by child, then as the checks need; each child's run is checked in place.
        var sorted = episodes.ToArray();
        Array.Sort(sorted, (a, b) => a.Child != b.Child ? a.Child.CompareTo(b.Child) : EpisodeChecks.InOrder(a.Dates, b.Dates));
        var dates = Array.ConvertAll(sorted, e => e.Dates);
        var rejected = new Dictionary<int, EpisodeChecks.Rejection>();
        for (var first = 0; first < sorted.Length;)
        {
            var next = first + 1;
            while (next < sorted.Length && sorted[next].Child == sorted[first].Child) next++;
            if (next - first > 1) EpisodeChecks.CheckInOrder(dates.AsSpan(first, next - first), rejected);
            first = next;
        }
        return rejected;
    }

    private static RecordDetail? TableRow(CsvRows r, int line, ParseContext c, Dictionary<int, EpisodeChecks.Rejection>? episodesToReject)
    {
        var report = c.Report;
        bool Date(string field, out DateOnly? d) => OptionalDate(report, line, field, r.Get(field), iso: false, out d);
        bool Required(string field, out DateOnly d) => RequiredDate(report, line, field, r.Get(field), iso: false, out d);
        string? Coded(string field, System.Collections.Frozen.FrozenSet<string> codes) => Code(report, line, field, r.Code(field), codes);

        switch (report.Kind)
        {
            case SourceFileKind.Ssda903Episodes:
                {
                    if (!Required("DECOM", out var start) | !Date("DEC", out var end)) return null;
                    if (end < start)
                    {
                        report.Error(DataQualityRules.EpisodeEndsBeforeStart, line, "DEC", $"episode ends ({r.Get("DEC")}) before it starts ({r.Get("DECOM")})");
                        return null;
                    }
                    if (episodesToReject!.TryGetValue(line, out var why))
                    {
                        report.Error(why.Rule, line, why.Field, why.Message);
                        return null;
                    }
                    return c.Detail(new CareEpisode
                    {
                        StartDate = start,
                        ReasonForNewEpisode = Coded("RNE", CodeLists.ReasonNewEpisode),
                        LegalStatus = Coded("LS", CodeLists.LegalStatus),
                        CategoryOfNeed = Coded("CIN", CodeLists.CategoryOfNeed),
                        Placement = Placement(report, line, "PLACE", r.Code("PLACE"), start),
                        PlacementProvider = Coded("PLACE_PROVIDER", CodeLists.PlacementProvider),
                        EndDate = end,
                        ReasonEpisodeCeased = Coded("REC", CodeLists.ReasonEpisodeCeased),
                        ReasonPlaceChange = r.Code("REASON_PLACE_CHANGE"),
                        HomePostcode = PostcodeValue(report, line, "HOME_POST", r.Get("HOME_POST")),
                        PlacementPostcode = PostcodeValue(report, line, "PL_POST", r.Get("PL_POST")),
                        Urn = r.Get("URN"),
                    }, line);
                }
            case SourceFileKind.Ssda903Uasc:
                return Date("DUC", out var duc) ? c.Detail(new UnaccompaniedAsylumSeeker { DateStatusCeases = duc }, line) : null;
            case SourceFileKind.Ssda903Oc2:
                return c.Detail(new HealthOutcome
                {
                    SdqScore = r.Get("SDQ_SCORE"),
                    SdqReason = r.Code("SDQ_REASON"),
                    Convicted = r.Get("CONVICTED"),
                    HealthCheck = r.Get("HEALTH_CHECK"),
                    Immunisations = r.Get("IMMUNISATIONS"),
                    TeethCheck = r.Get("TEETH_CHECK"),
                    HealthAssessment = r.Get("HEALTH_ASSESSMENT"),
                    SubstanceMisuse = r.Get("SUBSTANCE_MISUSE"),
                    InterventionReceived = r.Get("INTERVENTION_RECEIVED"),
                    InterventionOffered = r.Get("INTERVENTION_OFFERED"),
                }, line);
            case SourceFileKind.Ssda903Oc3:
                {
                    var activity = r.Code("ACTIV");
                    if (activity is not null && CodeLists.RetiredActivity.Contains(activity))
                        report.Warn(DataQualityRules.CodeRetired, line, "ACTIV", $"'{activity}' is a retired activity code; kept as given");
                    else Code(report, line, "ACTIV", activity, CodeLists.Activity);
                    var accommodation = r.Code("ACCOM");
                    if (accommodation is not null && !CodeLists.IsAccommodation(accommodation))
                        report.Warn(DataQualityRules.CodeNotInList, line, "ACCOM", $"'{accommodation}' is not a known accommodation code; kept as given");
                    return c.Detail(new CareLeaverContact
                    {
                        InTouch = Coded("IN_TOUCH", CodeLists.InTouch),
                        Activity = activity,
                        Accommodation = accommodation,
                    }, line);
                }
            case SourceFileKind.Ssda903Ad1:
                if (!Date("DATE_INT", out var decided) | !Date("DATE_MATCH", out var matched)) return null;
                return c.Detail(new AdoptionDecision
                {
                    DateDecided = decided,
                    DateMatched = matched,
                    FosterCare = r.Get("FOSTER_CARE"),
                    NumberOfAdopters = r.Get("NB_ADOPTR"),
                    SexOfAdopters = r.Code("SEX_ADOPTR"),
                    LegalStatusOfAdopters = r.Code("LS_ADOPTR"),
                }, line);
            case SourceFileKind.Ssda903PlacedAdoption:
                if (!Date("DATE_PLACED", out var placed) | !Date("DATE_PLACED_CEASED", out var placedCeased)) return null;
                return c.Detail(new AdoptionPlacement { DatePlaced = placed, DatePlacedCeased = placedCeased, ReasonPlacedCeased = r.Code("REASON_PLACED_CEASED") }, line);
            case SourceFileKind.Ssda903PrevPerm:
                return c.Detail(new PreviousPermanence { PreviousPermanenceCode = r.Code("PREV_PERM"), CouncilOfOrder = r.Get("LA_PERM"), DateOfOrder = r.Get("DATE_PERM") }, line);
            case SourceFileKind.Ssda903Missing:
                if (!Required("MIS_START", out var missingStart) | !Date("MIS_END", out var missingEnd)) return null;
                return c.Detail(new MissingEpisode { Kind = r.Code("MISSING"), StartDate = missingStart, EndDate = missingEnd }, line);
            case SourceFileKind.Ssda903Reviews:
                return Required("REVIEW", out var review) ? c.Detail(new CareReview { ReviewDate = review, ParticipationCode = r.Code("REVIEW_CODE") }, line) : null;
            case SourceFileKind.Ssda903SwEpisodes:
                if (!Required("SW_DECOM", out var swStart) | !Date("SW_DEC", out var swEnd)) return null;
                return c.Detail(new SocialWorkerEpisode { SocialWorkerId = r.Get("SW_ID"), StartDate = swStart, EndDate = swEnd, ReasonForChange = r.Code("SW_REASON") }, line);
            case SourceFileKind.Ssda903DoLo:
                if (!Required("DOLO_START", out var doloStart) | !Date("DOLO_END", out var doloEnd)) return null;
                return c.Detail(new DeprivationOfLiberty { StartDate = doloStart, EndDate = doloEnd }, line);
            default:
                throw new InvalidOperationException($"{report.Kind} is not an SSDA903 table.");
        }
    }
}
