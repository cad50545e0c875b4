using System.Xml.Linq;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using static Waypoint.Core.Ingest.FieldChecks;

namespace Waypoint.Core.Ingest;

/// <summary>CIN census XML: one source record per Child, keyed by LAchildID (formats.md section 2).</summary>
internal static class CinParser
{
    public static IEnumerable<ParsedItem> Parse(string path, ParseContext context)
    {
        var report = context.Report;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in XmlRecords.Read(path, "Message/Children/Child", report, h => LeaCheck.Check(h, context)))
        {
            report.RecordsRead++;
            var parsed = Child(item, context, seen);
            if (parsed is null) report.Rejected++;
            else yield return parsed;
        }
    }

    private static ParsedRecord? Child(XmlRecords.Item item, ParseContext context, HashSet<string> seen)
    {
        var report = context.Report;
        var ids = item.Element.Child("ChildIdentifiers");
        int Line(XElement? parent, string name) => parent?.LineOf(name, item.Line) ?? item.Line;
        string Path(string relative) => item.Path + "/" + relative;

        var childId = ids.Text("LAchildID");
        if (childId is null)
        {
            report.Error(DataQualityRules.PersonKeyMissing, Line(ids, "LAchildID"), Path("ChildIdentifiers/LAchildID"), "is missing: the child has no LAchildID; the child is rejected");
            return null;
        }
        if (KeyTooLong(report, Line(ids, "LAchildID"), Path("ChildIdentifiers/LAchildID"), childId)) return null;
        if (!seen.Add(childId))
        {
            report.Error(DataQualityRules.DuplicateKey, Line(ids, "LAchildID"), Path("ChildIdentifiers/LAchildID"), $"child {childId} appears more than once in the file; this Child is rejected");
            return null;
        }
        var birth = ids.Text("PersonBirthDate");
        if (birth is null && ids.Text("ExpectedPersonBirthDate") is not null)
        {
            report.Error(DataQualityRules.DateOfBirthMissing, Line(ids, "ExpectedPersonBirthDate"), Path("ChildIdentifiers/PersonBirthDate"), "is missing (the child is not yet born); the child is rejected");
            return null;
        }
        if (!DateOfBirth(context, Line(ids, "PersonBirthDate"), Path("ChildIdentifiers/PersonBirthDate"), birth, iso: true, out var dob)) return null;
        if (!OptionalDate(report, Line(ids, "PersonDeathDate"), Path("ChildIdentifiers/PersonDeathDate"), ids.Text("PersonDeathDate"), iso: true, out var death)) return null;

        var record = context.NewRecord(childId, item.Line);
        record.DateOfBirth = dob;
        record.DateOfDeath = death;
        var sexElement = ids.Child("Sex") is not null ? "Sex" : "GenderCurrent";
        record.Sex = Sex(Code(report, Line(ids, sexElement), Path("ChildIdentifiers/" + sexElement), ids.Code(sexElement), CodeLists.SexCin));
        var characteristics = item.Element.Child("ChildCharacteristics");
        record.Ethnicity = Code(report, Line(characteristics, "Ethnicity"), Path("ChildCharacteristics/Ethnicity"), characteristics.Code("Ethnicity"), CodeLists.Ethnicity);

        var identifiers = new List<SourceIdentifier> { Key(context, IdentifierKind.CouncilChildId, childId) };
        if (Upn(context, Line(ids, "UPN"), Path("ChildIdentifiers/UPN"), ids.Text("UPN")) is { } upn) identifiers.Add(upn);
        if (ids is not null)
        {
            foreach (var former in ids.Children("FormerUPN"))
            {
                var value = former.Value.Trim();
                if (value.Length > 0 && Upn(context, former.LineOf(item.Line), Path("ChildIdentifiers/FormerUPN"), value, IdentifierKind.FormerUpn) is { } formerUpn)
                    identifiers.Add(formerUpn);
            }
        }

        var details = new List<RecordDetail>();
        foreach (var disability in characteristics?.Child("Disabilities")?.Children("Disability") ?? [])
        {
            var code = disability.Value.Trim().ToUpperInvariant();
            if (code.Length == 0) continue;
            var line = disability.LineOf(item.Line);
            Code(report, line, Path("ChildCharacteristics/Disabilities/Disability"), code, CodeLists.Disability);
            details.Add(context.Detail(new ChildDisability { Code = code }, line));
        }

        var index = 0;
        foreach (var cin in item.Element.Children("CINdetails"))
        {
            index++;
            Referral(cin, $"{item.Path}/CINdetails[{index}]", item.Line, context, details);
        }
        return new ParsedRecord(record, identifiers, details);
    }

    private static void Referral(XElement cin, string path, int fallbackLine, ParseContext context, List<RecordDetail> details)
    {
        var report = context.Report;
        var line = cin.LineOf(fallbackLine);
        int Line(XElement parent, string name) => parent.LineOf(name, line);
        bool Date(XElement parent, string name, string at, out DateOnly? d) => OptionalDate(report, Line(parent, name), at + "/" + name, parent.Text(name), iso: true, out d);

        if (!RequiredDate(report, Line(cin, "CINreferralDate"), path + "/CINreferralDate", cin.Text("CINreferralDate"), iso: true, out var referralDate)
            | !Date(cin, "CINclosureDate", path, out var closure)
            | !Date(cin, "DateOfInitialCPC", path, out var initialCpc))
        {
            report.Rejected++;
            return;
        }
        var referral = context.Detail(new CinReferral
        {
            ReferralDate = referralDate,
            ReferralSource = Code(report, Line(cin, "ReferralSource"), path + "/ReferralSource", cin.Code("ReferralSource"), CodeLists.ReferralSource),
            PrimaryNeedCode = Code(report, Line(cin, "PrimaryNeedCode"), path + "/PrimaryNeedCode", cin.Code("PrimaryNeedCode"), CodeLists.CategoryOfNeed),
            ClosureDate = closure,
            ReasonForClosure = Code(report, Line(cin, "ReasonForClosure"), path + "/ReasonForClosure", cin.Code("ReasonForClosure"), CodeLists.ReasonForClosure),
            DateOfInitialCpc = initialCpc,
            ReferralNfa = XmlRecords.Boolean(cin.Text("ReferralNFA")),
        }, line);
        details.Add(referral);

        foreach (var a in cin.Children("Assessments"))
        {
            var at = path + "/Assessments";
            if (!Date(a, "AssessmentActualStartDate", at, out var start) | !Date(a, "AssessmentInternalReviewDate", at, out var review)
                | !Date(a, "AssessmentAuthorisationDate", at, out var authorised))
            {
                report.Rejected++;
                continue;
            }
            var factors = a.Child("FactorsIdentifiedAtAssessment")?.Children("AssessmentFactors")
                .Select(f => f.Value.Trim().ToUpperInvariant()).Where(f => f.Length > 0).ToList();
            details.Add(context.Detail(new CinAssessment
            {
                ReferralId = referral.Id,
                StartDate = start,
                InternalReviewDate = review,
                AuthorisationDate = authorised,
                Factors = factors is { Count: > 0 } ? string.Join(' ', factors) : null,
            }, a.LineOf(line)));
        }

        foreach (var p in cin.Children("CINPlanDates"))
        {
            if (!Date(p, "CINPlanStartDate", path + "/CINPlanDates", out var start) | !Date(p, "CINPlanEndDate", path + "/CINPlanDates", out var end))
            {
                report.Rejected++;
                continue;
            }
            details.Add(context.Detail(new CinPlan { ReferralId = referral.Id, StartDate = start, EndDate = end }, p.LineOf(line)));
        }

        foreach (var p in cin.Children("ChildProtectionPlans"))
        {
            if (!Date(p, "CPPstartDate", path + "/ChildProtectionPlans", out var start) | !Date(p, "CPPendDate", path + "/ChildProtectionPlans", out var end))
            {
                report.Rejected++;
                continue;
            }
            details.Add(context.Detail(new ChildProtectionPlan
            {
                ReferralId = referral.Id,
                StartDate = start,
                EndDate = end,
                InitialCategoryOfAbuse = p.Code("InitialCategoryOfAbuse"),
                LatestCategoryOfAbuse = p.Code("LatestCategoryOfAbuse"),
            }, p.LineOf(line)));
        }
    }
}

/// <summary>An LEA in a file that is not the council's is a warning; it never splits a person.</summary>
internal static class LeaCheck
{
    public static void Check(XElement header, ParseContext context)
    {
        var lea = header.Child("Source").Text("LEA");
        if (lea is not null && !string.Equals(lea, context.CouncilCode, StringComparison.OrdinalIgnoreCase))
        {
            var line = header.Child("Source")?.LineOf("LEA", 0) ?? 0;
            context.Report.Warn(DataQualityRules.LeaOtherCouncil, line, "Message/Header/Source/LEA", $"LEA {FieldChecks.Shown(lea)} is not this council ({context.CouncilCode}); records are imported for {context.CouncilCode}");
        }
    }
}
