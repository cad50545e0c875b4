using System.Globalization;
using System.Text;
using System.Xml;

namespace Waypoint.Core.Demo;

/// <summary>
/// An XML file written the same way as the CSV files: indented one element per line, UTF-8
/// without a byte order mark, \n line ends, ending with a line break.
/// </summary>
internal sealed class XmlFile : IDisposable
{
    private readonly FileStream _stream;

    public XmlFile(string path)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,
        };
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Writer = XmlWriter.Create(_stream, settings);
        Writer.WriteStartDocument();
    }

    public XmlWriter Writer { get; }

    /// <summary>Closes every open element and the file.</summary>
    public void Dispose()
    {
        Writer.WriteEndDocument();
        Writer.Dispose();
        _stream.WriteByte((byte)'\n');
        _stream.Dispose();
    }
}

/// <summary>Elements both censuses share.</summary>
internal static class DemoXml
{
    /// <summary>The Header element both censuses share.</summary>
    public static void WriteHeader(XmlWriter xml, string collection, int year, DateOnly referenceDate, DemoContext context)
    {
        xml.WriteStartElement("Header");
        xml.WriteStartElement("CollectionDetails");
        xml.WriteElementString("Collection", collection);
        xml.WriteElementString("Year", year.ToString(CultureInfo.InvariantCulture));
        Date(xml, "ReferenceDate", referenceDate);
        xml.WriteEndElement();
        xml.WriteStartElement("Source");
        xml.WriteElementString("SourceLevel", "L");
        xml.WriteElementString("LEA", context.Options.CouncilCode);
        xml.WriteElementString("SoftwareCode", "Waypoint demo council generator");
        xml.WriteElementString("Release", "1.0");
        xml.WriteElementString("SerialNo", "001");
        // The as-of date is the demo's clock, so the file never depends on when it was made.
        xml.WriteElementString("DateTime", context.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    public static void Date(XmlWriter xml, string name, DateOnly? date)
    {
        if (date is { } d) xml.WriteElementString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public static void Text(XmlWriter xml, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) xml.WriteElementString(name, value);
    }
}

/// <summary>Writes the CIN census XML: one Child element per person known to children's social care.</summary>
internal sealed class CinWriter : IDisposable
{
    public const string FileName = "cin.xml";
    private readonly XmlFile _file;
    private readonly XmlWriter _xml;

    public CinWriter(string directory, DemoContext context)
    {
        _file = new XmlFile(Path.Combine(directory, FileName));
        _xml = _file.Writer;
        _xml.WriteStartElement("Message");
        DemoXml.WriteHeader(_xml, "CIN", context.AsOf.Year, context.AsOf, context);
        _xml.WriteStartElement("Children");
    }

    public int Children { get; private set; }

    public void Write(PersonLife p)
    {
        var id = p.CinIdentity!;
        var x = _xml;
        x.WriteStartElement("Child");
        x.WriteStartElement("ChildIdentifiers");
        x.WriteElementString("LAchildID", p.ChildId);
        DemoXml.Text(x, "UPN", id.Upn);
        DemoXml.Text(x, "FormerUPN", p.FormerUpn);
        DemoXml.Text(x, "UPNunknown", id.Upn is null ? id.UpnUnknown : null);
        DemoXml.Date(x, "PersonBirthDate", id.DateOfBirth);
        x.WriteElementString("Sex", id.Sex.ToString());
        x.WriteEndElement();

        x.WriteStartElement("ChildCharacteristics");
        x.WriteElementString("Ethnicity", p.Ethnicity);
        x.WriteStartElement("Disabilities");
        if (p.Disabilities.Count == 0) x.WriteElementString("Disability", "NONE");
        foreach (var disability in p.Disabilities) x.WriteElementString("Disability", disability);
        x.WriteEndElement();
        x.WriteEndElement();

        // Element order follows the peer sample CIN_Census_2024.xml.
        foreach (var r in p.Referrals)
        {
            x.WriteStartElement("CINdetails");
            DemoXml.Date(x, "CINreferralDate", r.ReferralDate);
            x.WriteElementString("ReferralSource", r.Source);
            x.WriteElementString("PrimaryNeedCode", r.PrimaryNeed);
            DemoXml.Date(x, "CINclosureDate", r.ClosureDate);
            DemoXml.Text(x, "ReasonForClosure", r.ClosureReason);
            DemoXml.Date(x, "DateOfInitialCPC", r.InitialCpc);
            foreach (var a in r.Assessments)
            {
                x.WriteStartElement("Assessments");
                DemoXml.Date(x, "AssessmentActualStartDate", a.Start);
                DemoXml.Date(x, "AssessmentInternalReviewDate", a.InternalReview);
                DemoXml.Date(x, "AssessmentAuthorisationDate", a.Authorised);
                x.WriteStartElement("FactorsIdentifiedAtAssessment");
                foreach (var factor in a.Factors) x.WriteElementString("AssessmentFactors", factor);
                x.WriteEndElement();
                x.WriteEndElement();
            }
            foreach (var (start, end) in r.Plans)
            {
                x.WriteStartElement("CINPlanDates");
                DemoXml.Date(x, "CINPlanStartDate", start);
                DemoXml.Date(x, "CINPlanEndDate", end);
                x.WriteEndElement();
            }
            x.WriteElementString("ReferralNFA", r.NoFurtherAction ? "true" : "false");
            foreach (var cpp in r.ProtectionPlans)
            {
                x.WriteStartElement("ChildProtectionPlans");
                DemoXml.Date(x, "CPPstartDate", cpp.Start);
                DemoXml.Date(x, "CPPendDate", cpp.End);
                x.WriteElementString("InitialCategoryOfAbuse", cpp.InitialCategory);
                x.WriteElementString("LatestCategoryOfAbuse", cpp.LatestCategory);
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        x.WriteEndElement();
        Children++;
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>Writes the SEN2 census XML: one Person element per person with an EHC request or plan.</summary>
internal sealed class Sen2Writer : IDisposable
{
    public const string FileName = "sen2.xml";
    private readonly XmlFile _file;
    private readonly XmlWriter _xml;
    private readonly DemoContext _context;

    public Sen2Writer(string directory, DemoContext context)
    {
        _context = context;
        _file = new XmlFile(Path.Combine(directory, FileName));
        _xml = _file.Writer;
        _xml.WriteStartElement("Message");
        var census = CensusDate(context.AsOf);
        DemoXml.WriteHeader(_xml, "SEN2", census.Year, census, context);
        _xml.WriteStartElement("Persons");
    }

    /// <summary>Person elements written so far: the next one's 1-based position is this plus one.</summary>
    public int Persons { get; private set; }

    /// <summary>The SEN2 census day: the third Thursday of January, the latest one on or before the as-of date.</summary>
    public static DateOnly CensusDate(DateOnly asOf)
    {
        static DateOnly ThirdThursday(int year)
        {
            var first = new DateOnly(year, 1, 1);
            var firstThursday = first.AddDays(((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7);
            return firstThursday.AddDays(14);
        }
        var thisYear = ThirdThursday(asOf.Year);
        return thisYear <= asOf ? thisYear : ThirdThursday(asOf.Year - 1);
    }

    public void Write(PersonLife p)
    {
        var id = p.Sen2Identity!;
        var x = _xml;
        x.WriteStartElement("Person");
        x.WriteElementString("Surname", id.Surname);
        x.WriteElementString("Forename", id.Forename);
        DemoXml.Date(x, "PersonBirthDate", id.DateOfBirth);
        x.WriteElementString("Sex", id.Sex.ToString());
        x.WriteElementString("Ethnicity", p.Ethnicity);
        x.WriteElementString("PostCode", id.Postcode);
        DemoXml.Text(x, "UPN", id.Upn);
        DemoXml.Text(x, "UniqueLearnerNumber", p.AgeOn(_context.AsOf) >= 16 ? p.Uln : null);
        DemoXml.Text(x, "UPNunknown", id.Upn is null ? id.UpnUnknown : null);
        foreach (var request in p.SenRequests)
        {
            x.WriteStartElement("Requests");
            DemoXml.Date(x, "ReceivedDate", request.Received);
            x.WriteElementString("RequestSource", request.Source.ToString(CultureInfo.InvariantCulture));
            x.WriteElementString("RYA", request.InRelevantYouthAccommodation ? "true" : "false");
            DemoXml.Date(x, "RequestOutcomeDate", request.OutcomeDate);
            x.WriteElementString("RequestOutcome", request.Outcome);
            if (request.Assessment is { } a) WriteAssessment(x, a);
            if (request.Active is { } active) WriteActivePlan(x, active);
            x.WriteEndElement();
        }
        x.WriteEndElement();
        Persons++;
    }

    private static void WriteAssessment(XmlWriter x, SenAssessment a)
    {
        x.WriteStartElement("Assessment");
        x.WriteElementString("AssessmentOutcome", a.Outcome);
        DemoXml.Date(x, "AssessmentOutcomeDate", a.OutcomeDate);
        x.WriteElementString("Week20", a.Week20 ? "true" : "false");
        if (a.Plan is { } plan)
        {
            x.WriteStartElement("NamedPlan");
            DemoXml.Date(x, "StartDate", plan.Start);
            DemoXml.Text(x, "PlanRes", plan.Residential);
            DemoXml.Date(x, "CeaseDate", plan.Ceased);
            DemoXml.Text(x, "CeaseReason", plan.CeaseReason?.ToString(CultureInfo.InvariantCulture));
            foreach (var detail in plan.Details)
            {
                x.WriteStartElement("PlanDetail");
                WritePlacement(x, detail);
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    private static void WriteActivePlan(XmlWriter x, ActivePlan active)
    {
        x.WriteStartElement("ActivePlans");
        DemoXml.Text(x, "TransferLA", active.TransferLa);
        DemoXml.Date(x, "ReviewMeeting", active.ReviewMeeting);
        DemoXml.Text(x, "ReviewOutcome", active.ReviewOutcome);
        DemoXml.Date(x, "LastReview", active.LastReview);
        foreach (var placement in active.Placements)
        {
            x.WriteStartElement("PlacementDetail");
            WritePlacement(x, placement);
            DemoXml.Date(x, "EntryDate", placement.Entry);
            DemoXml.Date(x, "LeavingDate", placement.Leaving);
            x.WriteEndElement();
        }
        for (var rank = 0; rank < active.Needs.Count; rank++)
        {
            x.WriteStartElement("SENneed");
            x.WriteElementString("SENtype", active.Needs[rank]);
            x.WriteElementString("SENtypeRank", (rank + 1).ToString(CultureInfo.InvariantCulture));
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    private static void WritePlacement(XmlWriter x, SenPlacement placement)
    {
        DemoXml.Text(x, "URN", placement.Urn);
        DemoXml.Text(x, "UKPRN", placement.Ukprn);
        DemoXml.Text(x, "SENSetting", placement.Setting);
        x.WriteElementString("PlacementRank", placement.Rank.ToString(CultureInfo.InvariantCulture));
    }

    public void Dispose() => _file.Dispose();
}
