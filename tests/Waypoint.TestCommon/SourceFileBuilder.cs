using System.Globalization;
using System.Text;
using System.Xml;

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

/// <summary>
/// A looked-after child with data for every 903 table the XML variant carries, to write as CSV tables and as XML
/// (formats.md section 1). Dates are yyyy-mm-dd; anything else is written as given, to test bad dates.
/// </summary>
public sealed record LookedAfterChild(string ChildId, string Dob, string Sex = "1", string Ethnicity = "WBRI", string? Upn = null)
{
    public string? Mother { get; init; }
    public string? MotherChildDob { get; init; }
    public IReadOnlyList<Episode903> Episodes { get; init; } = [];
    public bool Unaccompanied { get; init; }
    public string? UascCeased { get; init; }
    public CareLeaver903? CareLeaver { get; init; }
    public IReadOnlyList<Missing903> Missing { get; init; } = [];
    public IReadOnlyList<Review903> Reviews { get; init; } = [];
    public Permanence903? Permanence { get; init; }
    public Health903? Health { get; init; }
    public Adoption903? Adoption { get; init; }
}

public sealed record Episode903(string Start, string? End = null, string Rne = "S", string LegalStatus = "C2", string Cin = "N1", string Place = "U1",
    string Provider = "PR1", string? ReasonCeased = null, string? ReasonPlaceChange = null, string? HomePostcode = "DM1 1AA", string? PlacementPostcode = "DM2 2BB", string? Urn = null);

public sealed record CareLeaver903(string? InTouch, string? Activity, string? Accommodation);

public sealed record Missing903(string Kind, string? Start, string? End = null);

public sealed record Review903(string? Date, string? Code = "PN1");

public sealed record Permanence903(string? Code, string? Council = null, string? Date = null);

public sealed record Health903(string? SdqScore = "12", string? SdqReason = null, string? Convicted = "0", string? HealthCheck = "1", string? Immunisations = "1",
    string? TeethCheck = "1", string? HealthAssessment = "1", string? SubstanceMisuse = "0", string? InterventionReceived = null, string? InterventionOffered = null);

/// <summary>The AD1 decision and the placement for adoption.</summary>
public sealed record Adoption903(string? Decided, string? Matched, string? Placed, string? PlacedCeased = null, string? ReasonCeased = null,
    string? FosterCare = "0", string? Adopters = "2", string? SexOfAdopters = "MF", string? LegalStatusOfAdopters = "L11");

/// <summary>Writes small source files in the real formats, for tests that need particular people in them.</summary>
public static class SourceFileBuilder
{
    /// <summary>A yyyy-mm-dd date as dd/mm/yyyy; anything else as given.</summary>
    private static string? Uk(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : iso;

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

    private static readonly (string File, string[] Columns)[] Tables903 =
    [
        ("header.csv", ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]),
        ("episodes.csv", ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]),
        ("uasc.csv", ["CHILD", "SEX", "DOB", "DUC"]),
        ("oc2.csv", ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]),
        ("oc3.csv", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]),
        ("ad1.csv", ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]),
        ("placed_for_adoption.csv", ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"]),
        ("previous_permanence.csv", ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"]),
        ("missing.csv", ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]),
        ("reviews.csv", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]),
    ];

    /// <summary>Each table's rows for one child, as (column, value) pairs in the table's column order less CHILD and DOB.</summary>
    private static IEnumerable<(string File, (string Column, string? Value)[] Fields)> Rows903(LookedAfterChild c)
    {
        yield return ("header.csv", [("SEX", c.Sex), ("ETHNIC", c.Ethnicity), ("UPN", c.Upn), ("MOTHER", c.Mother), ("MC_DOB", Uk(c.MotherChildDob))]);
        foreach (var e in c.Episodes)
        {
            yield return ("episodes.csv",
            [
                ("DECOM", Uk(e.Start)), ("RNE", e.Rne), ("LS", e.LegalStatus), ("CIN", e.Cin), ("PLACE", e.Place), ("PLACE_PROVIDER", e.Provider),
                ("DEC", Uk(e.End)), ("REC", e.ReasonCeased), ("REASON_PLACE_CHANGE", e.ReasonPlaceChange), ("HOME_POST", e.HomePostcode),
                ("PL_POST", e.PlacementPostcode), ("URN", e.Urn),
            ]);
        }
        if (c.Unaccompanied) yield return ("uasc.csv", [("SEX", c.Sex), ("DUC", Uk(c.UascCeased))]);
        if (c.Health is { } h)
        {
            yield return ("oc2.csv",
            [
                ("SDQ_SCORE", h.SdqScore), ("SDQ_REASON", h.SdqReason), ("CONVICTED", h.Convicted), ("HEALTH_CHECK", h.HealthCheck),
                ("IMMUNISATIONS", h.Immunisations), ("TEETH_CHECK", h.TeethCheck), ("HEALTH_ASSESSMENT", h.HealthAssessment),
                ("SUBSTANCE_MISUSE", h.SubstanceMisuse), ("INTERVENTION_RECEIVED", h.InterventionReceived), ("INTERVENTION_OFFERED", h.InterventionOffered),
            ]);
        }
        if (c.CareLeaver is { } l) yield return ("oc3.csv", [("IN_TOUCH", l.InTouch), ("ACTIV", l.Activity), ("ACCOM", l.Accommodation)]);
        if (c.Adoption is { } a)
        {
            yield return ("ad1.csv",
            [
                ("DATE_INT", Uk(a.Decided)), ("DATE_MATCH", Uk(a.Matched)), ("FOSTER_CARE", a.FosterCare), ("NB_ADOPTR", a.Adopters),
                ("SEX_ADOPTR", a.SexOfAdopters), ("LS_ADOPTR", a.LegalStatusOfAdopters),
            ]);
            yield return ("placed_for_adoption.csv", [("DATE_PLACED", Uk(a.Placed)), ("DATE_PLACED_CEASED", Uk(a.PlacedCeased)), ("REASON_PLACED_CEASED", a.ReasonCeased)]);
        }
        if (c.Permanence is { } p) yield return ("previous_permanence.csv", [("PREV_PERM", p.Code), ("LA_PERM", p.Council), ("DATE_PERM", Uk(p.Date))]);
        foreach (var m in c.Missing) yield return ("missing.csv", [("MISSING", m.Kind), ("MIS_START", Uk(m.Start)), ("MIS_END", Uk(m.End))]);
        foreach (var r in c.Reviews) yield return ("reviews.csv", [("REVIEW", Uk(r.Date)), ("REVIEW_CODE", r.Code)]);
    }

    /// <summary>The children as the ten 903 CSV tables the XML variant covers, in <paramref name="folder"/>; returns their paths.</summary>
    public static string[] Ssda903Tables(TempFolder folder, params LookedAfterChild[] children)
    {
        var files = Tables903.ToDictionary(t => t.File, t => new StringBuilder(string.Join(',', t.Columns) + "\n"));
        foreach (var child in children)
        {
            foreach (var (file, fields) in Rows903(child))
            {
                var columns = Tables903.Single(t => t.File == file).Columns;
                var values = columns.Select(column => column switch
                {
                    "CHILD" => child.ChildId,
                    "DOB" => Uk(child.Dob),
                    _ => fields.SingleOrDefault(f => f.Column == column).Value,
                });
                files[file].Append(string.Join(',', values.Select(Csv))).Append('\n');
            }
        }
        return [.. Tables903.Select(t => folder.Write(t.File, files[t.File].ToString()))];
    }

    private static string Csv(string? value) =>
        value is null ? "" : value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>
    /// The same children as the 903 XML variant: EXPSSDA903/CHILD with a HEADER (OC3, UASC and AD1 fields inline;
    /// AMISSING, AREVIEW, PERMANENCE, OC2 and AD_PLACED as child elements) and EPISODEs; absent values as empty elements.
    /// </summary>
    public static string Ssda903Xml(TempFolder folder, string name, params LookedAfterChild[] children)
    {
        var path = folder.File(name);
        using (var x = XmlWriter.Create(path, new XmlWriterSettings { Indent = true }))
        {
            x.WriteStartElement("EXPSSDA903");
            foreach (var c in children)
            {
                var rows = Rows903(c).ToLookup(r => r.File, r => r.Fields);
                x.WriteStartElement("CHILD");
                x.WriteStartElement("HEADER");
                Elements(x, [("CHILDID", c.ChildId), ("UPN", c.Upn), ("SEX", c.Sex), ("DOB", Uk(c.Dob)), ("ETHNIC", c.Ethnicity),
                    ("UASC", c.Unaccompanied ? "1" : "0"), ("DUC", Uk(c.UascCeased))]);
                foreach (var fields in rows["oc3.csv"].Concat(rows["ad1.csv"])) Elements(x, fields);
                Elements(x, [("MOTHER", c.Mother), ("MC_DOB", Uk(c.MotherChildDob))]);
                foreach (var (file, element) in new[] { ("missing.csv", "AMISSING"), ("reviews.csv", "AREVIEW"), ("previous_permanence.csv", "PERMANENCE"), ("oc2.csv", "OC2"), ("placed_for_adoption.csv", "AD_PLACED") })
                {
                    foreach (var fields in rows[file])
                    {
                        x.WriteStartElement(element);
                        Elements(x, fields);
                        x.WriteEndElement();
                    }
                }
                x.WriteEndElement();
                foreach (var fields in rows["episodes.csv"])
                {
                    x.WriteStartElement("EPISODE");
                    Elements(x, [.. fields.Select(f => f.Column == "PLACE" ? ("PL", f.Value) : f)]);
                    x.WriteEndElement();
                }
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        return path;
    }

    private static void Elements(XmlWriter x, (string Column, string? Value)[] fields)
    {
        foreach (var (column, value) in fields) x.WriteElementString(column, value ?? "");
    }
}
