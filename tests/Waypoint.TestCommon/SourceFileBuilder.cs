using System.Globalization;
using System.Text;

namespace Waypoint.TestCommon;

/// <summary>
/// A child in the 903 Header and CIN files: ids, date of birth and UPNs. Dates here and below are yyyy-mm-dd, written in
/// the file's own format; any other text is written as given, for tests of bad dates. An empty id is a missing one.
/// </summary>
public sealed record ChildRow(string ChildId, string Dob, string? Upn = null, string? FormerUpn = null, string Sex = "M", string Ethnic = "WBRI");

/// <summary>A 903 episode: end null while open.</summary>
public sealed record EpisodeRow(string ChildId, string Start, string? End = null, string LegalStatus = "C2", string? ReasonCeased = null,
    string Place = "U1", string HomePostcode = "DM1 1AA");

/// <summary>A SEN2 Person: names, date of birth, UPN, an optional current plan with a primary need, and a ULN.</summary>
public sealed record Sen2Row(string Forename, string Surname, string Dob, string? Upn, string? PrimaryNeed = null, string? PlanStart = null, string? Uln = null);

/// <summary>A CLD event row: person id, NHS number, date of birth, event type and start; the LA Code of the file.</summary>
public sealed record CldRow(string PersonId, string? Nhs, string Dob, string Forename = "Test", string Surname = "Person",
    string EventType = "Request", string Start = "2025-01-01", string Reason = "Learning disability support", string? WeeklyCost = null, string La = "999");

/// <summary>Writes small source files in the real formats, for tests that need particular people in them.</summary>
public static class SourceFileBuilder
{
    /// <summary>dd/mm/yyyy for a yyyy-mm-dd date; anything else as given.</summary>
    private static string Uk(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : date ?? "";

    public static string Header903(TempFolder folder, string name, params ChildRow[] children)
    {
        var text = new StringBuilder("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
        foreach (var c in children) text.Append(CultureInfo.InvariantCulture, $"{c.ChildId},{c.Sex},{Uk(c.Dob)},{c.Ethnic},{c.Upn},,\n");
        return folder.Write(name, text.ToString());
    }

    public static string Episodes903(TempFolder folder, string name, params EpisodeRow[] episodes)
    {
        var text = new StringBuilder("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
        foreach (var e in episodes)
            text.Append(CultureInfo.InvariantCulture, $"{e.ChildId},{Uk(e.Start)},S,{e.LegalStatus},N1,{e.Place},PR1,{Uk(e.End)},{e.ReasonCeased ?? (e.End is null ? "" : "E11")},,{e.HomePostcode},DM2 2BB,\n");
        return folder.Write(name, text.ToString());
    }

    public static string Cin(TempFolder folder, string name, string lea, params ChildRow[] children)
    {
        var text = new StringBuilder($"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails><Source><LEA>{lea}</LEA></Source></Header>\n<Children>\n");
        foreach (var c in children)
        {
            text.Append(CultureInfo.InvariantCulture, $"<Child><ChildIdentifiers><LAchildID>{c.ChildId}</LAchildID>");
            if (c.Upn is not null) text.Append(CultureInfo.InvariantCulture, $"<UPN>{c.Upn}</UPN>");
            if (c.FormerUpn is not null) text.Append(CultureInfo.InvariantCulture, $"<FormerUPN>{c.FormerUpn}</FormerUPN>");
            text.Append(CultureInfo.InvariantCulture, $"<PersonBirthDate>{c.Dob}</PersonBirthDate><Sex>{c.Sex}</Sex></ChildIdentifiers>");
            text.Append("<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>LD</Disability></Disabilities></ChildCharacteristics>");
            text.Append("<CINdetails><CINreferralDate>2020-01-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N2</PrimaryNeedCode></CINdetails></Child>\n");
        }
        return folder.Write(name, text.Append("</Children></Message>\n").ToString());
    }

    public static string Sen2(TempFolder folder, string name, params Sen2Row[] people)
    {
        var text = new StringBuilder("<Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2026</Year><ReferenceDate>2026-01-15</ReferenceDate></CollectionDetails><Source><LEA>999</LEA></Source></Header>\n<Persons>\n");
        foreach (var p in people)
        {
            text.Append(CultureInfo.InvariantCulture, $"<Person><Surname>{p.Surname}</Surname><Forename>{p.Forename}</Forename><PersonBirthDate>{p.Dob}</PersonBirthDate><Sex>F</Sex>");
            if (p.Upn is not null) text.Append(CultureInfo.InvariantCulture, $"<UPN>{p.Upn}</UPN>");
            if (p.Uln is not null) text.Append(CultureInfo.InvariantCulture, $"<UniqueLearnerNumber>{p.Uln}</UniqueLearnerNumber>");
            if (p.PrimaryNeed is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"<Requests><ReceivedDate>{p.PlanStart}</ReceivedDate><Assessment><AssessmentOutcome>H</AssessmentOutcome><NamedPlan><StartDate>{p.PlanStart}</StartDate></NamedPlan></Assessment>");
                text.Append(CultureInfo.InvariantCulture, $"<ActivePlans><SENneed><SENtype>{p.PrimaryNeed}</SENtype><SENtypeRank>1</SENtypeRank></SENneed></ActivePlans></Requests>");
            }
            text.Append("</Person>\n");
        }
        return folder.Write(name, text.Append("</Persons></Message>\n").ToString());
    }

    public static string Cld(TempFolder folder, string name, params CldRow[] rows)
    {
        var text = new StringBuilder("LA Code,NHS Number,LA Person Unique Identifier,First Name,Last Name,Gender,Date of Birth,Client Type,Primary Support Reason,Event Type,Event Start Date,Service Type,Unit Cost,Cost Frequency (Unit Type),Planned units per week\n");
        foreach (var r in rows)
        {
            var service = r.WeeklyCost is null ? ",,," : $"Long term support: Community,{r.WeeklyCost},Weekly,1";
            text.Append(CultureInfo.InvariantCulture, $"{r.La},{r.Nhs},{r.PersonId},{r.Forename},{r.Surname},Female,{Uk(r.Dob)},Service User,{r.Reason},{r.EventType},{Uk(r.Start)},{service}\n");
        }
        return folder.Write(name, text.ToString());
    }
}
