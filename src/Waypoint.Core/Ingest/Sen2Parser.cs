using System.Globalization;
using System.Xml.Linq;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using static Waypoint.Core.Ingest.FieldChecks;

namespace Waypoint.Core.Ingest;

/// <summary>
/// SEN2 XML: one source record per Person element, keyed by its 1-based position (every Person counts,
/// rejected ones included). SEN2 carries names, UPN and ULN but no council person id (formats.md section 3).
/// </summary>
internal static class Sen2Parser
{
    public static IEnumerable<ParsedItem> Parse(string path, ParseContext context)
    {
        var report = context.Report;
        foreach (var item in XmlRecords.Read(path, "Message/Persons/Person", report, h => LeaCheck.Check(h, context)))
        {
            report.RecordsRead++;
            var parsed = Person(item, context);
            if (parsed is null) report.Rejected++;
            else yield return parsed;
        }
    }

    private static ParsedRecord? Person(XmlRecords.Item item, ParseContext context)
    {
        var report = context.Report;
        var p = item.Element;
        int Line(string name) => p.LineOf(name, item.Line);
        string Path(string name) => item.Path + "/" + name;

        if (!DateOfBirth(context, Line("PersonBirthDate"), Path("PersonBirthDate"), p.Text("PersonBirthDate"), iso: true, out var dob)) return null;

        var record = context.NewRecord(item.Position.ToString(CultureInfo.InvariantCulture), item.Line);
        record.Forename = p.Text("Forename");
        record.Surname = p.Text("Surname");
        record.DateOfBirth = dob;
        var sexElement = p.Child("Sex") is not null ? "Sex" : "GenderCurrent";
        record.Sex = Sex(Code(report, Line(sexElement), Path(sexElement), p.Code(sexElement), CodeLists.SexCin));
        record.Ethnicity = Code(report, Line("Ethnicity"), Path("Ethnicity"), p.Code("Ethnicity"), CodeLists.Ethnicity);
        record.Postcode = PostcodeValue(report, Line("PostCode"), Path("PostCode"), p.Text("PostCode"));

        var identifiers = new List<SourceIdentifier>();
        if (Upn(context, Line("UPN"), Path("UPN"), p.Text("UPN")) is { } upn) identifiers.Add(upn);
        if (Uln(context, Line("UniqueLearnerNumber"), Path("UniqueLearnerNumber"), p.Text("UniqueLearnerNumber")) is { } uln) identifiers.Add(uln);

        var details = new List<RecordDetail>();
        var index = 0;
        foreach (var request in p.Children("Requests"))
        {
            index++;
            Request(request, $"{item.Path}/Requests[{index}]", item.Line, context, details);
        }
        return new ParsedRecord(record, identifiers, details);
    }

    private static void Request(XElement r, string path, int fallbackLine, ParseContext context, List<RecordDetail> details)
    {
        var report = context.Report;
        var line = r.LineOf(fallbackLine);
        bool Date(XElement parent, string name, string at, out DateOnly? d) =>
            OptionalDate(report, parent.LineOf(name, line), at + "/" + name, parent.Text(name), iso: true, out d);

        if (!RequiredDate(report, r.LineOf("ReceivedDate", line), path + "/ReceivedDate", r.Text("ReceivedDate"), iso: true, out var received)
            | !Date(r, "RequestOutcomeDate", path, out var outcomeDate))
        {
            report.Rejected++;
            return;
        }
        var request = context.Detail(new EhcRequest
        {
            ReceivedDate = received,
            RequestSource = r.Code("RequestSource"),
            Rya = r.Code("RYA"),
            OutcomeDate = outcomeDate,
            Outcome = r.Code("RequestOutcome"),
        }, line);
        details.Add(request);

        foreach (var a in r.Children("Assessment"))
        {
            var at = path + "/Assessment";
            if (!Date(a, "AssessmentOutcomeDate", at, out var assessed))
            {
                report.Rejected++;
                continue;
            }
            var assessment = context.Detail(new EhcAssessment
            {
                RequestId = request.Id,
                Outcome = a.Code("AssessmentOutcome"),
                OutcomeDate = assessed,
                Week20 = a.Code("Week20"),
            }, a.LineOf(line));
            details.Add(assessment);

            if (a.Child("NamedPlan") is not { } plan) continue;
            var planPath = at + "/NamedPlan";
            if (!Date(plan, "StartDate", planPath, out var start) | !Date(plan, "CeaseDate", planPath, out var cease))
            {
                report.Rejected++;
                continue;
            }
            details.Add(context.Detail(new EhcPlan
            {
                RequestId = request.Id,
                AssessmentId = assessment.Id,
                StartDate = start,
                PlanResidence = plan.Code("PlanRes"),
                CeaseDate = cease,
                CeaseReason = Code(report, plan.LineOf("CeaseReason", line), planPath + "/CeaseReason", plan.Code("CeaseReason"), CodeLists.CeaseReason),
            }, plan.LineOf(line)));
            foreach (var detail in plan.Children("PlanDetail"))
                Placement(detail, "named", request.Id, planPath + "/PlanDetail", line, context, details);
        }

        if (r.Child("ActivePlans") is not { } active) return;
        var activePath = path + "/ActivePlans";
        if (!Date(active, "ReviewMeeting", activePath, out var meeting) | !Date(active, "LastReview", activePath, out var lastReview))
        {
            report.Rejected++;
            return;
        }
        details.Add(context.Detail(new EhcActivePlan
        {
            RequestId = request.Id,
            TransferLa = active.Text("TransferLA"),
            ReviewMeeting = meeting,
            ReviewOutcome = active.Code("ReviewOutcome"),
            LastReview = lastReview,
        }, active.LineOf(line)));
        foreach (var detail in active.Children("PlacementDetail"))
            Placement(detail, "active", request.Id, activePath + "/PlacementDetail", line, context, details);
        foreach (var need in active.Children("SENneed"))
        {
            var needLine = need.LineOf(line);
            var type = need.Code("SENtype");
            if (type is null)
            {
                report.Error(DataQualityRules.RequiredFieldMissing, needLine, activePath + "/SENneed/SENtype", "is missing; this need is rejected");
                report.Rejected++;
                continue;
            }
            Code(report, needLine, activePath + "/SENneed/SENtype", type, CodeLists.SenType);
            int? rank = int.TryParse(need.Text("SENtypeRank"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            details.Add(context.Detail(new EhcNeed { RequestId = request.Id, SenType = type, Rank = rank }, needLine));
        }
    }

    private static void Placement(XElement d, string kind, long requestId, string path, int fallbackLine, ParseContext context, List<RecordDetail> details)
    {
        var report = context.Report;
        var line = d.LineOf(fallbackLine);
        if (!OptionalDate(report, d.LineOf("EntryDate", line), path + "/EntryDate", d.Text("EntryDate"), iso: true, out var entry)
            | !OptionalDate(report, d.LineOf("LeavingDate", line), path + "/LeavingDate", d.Text("LeavingDate"), iso: true, out var leaving))
        {
            report.Rejected++;
            return;
        }
        var setting = d.Code("SENSetting");
        if (setting is not null) Code(report, d.LineOf("SENSetting", line), path + "/SENSetting", setting, CodeLists.SenSetting);
        details.Add(context.Detail(new EhcPlacement
        {
            RequestId = requestId,
            Kind = kind,
            Urn = d.Text("URN"),
            Ukprn = d.Text("UKPRN"),
            SenSetting = setting,
            PlacementRank = d.Text("PlacementRank"),
            EntryDate = entry,
            LeavingDate = leaving,
        }, line));
    }
}
