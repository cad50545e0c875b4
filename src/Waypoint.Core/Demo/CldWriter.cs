using System.Globalization;

namespace Waypoint.Core.Demo;

/// <summary>Writes adult social care Client Level Data: one row per event, person fields repeated.</summary>
internal sealed class CldWriter : IDisposable
{
    public const string FileName = "cld.csv";

    public static readonly string[] Columns =
    [
        "LA Code", "Reporting Period Start Date", "Reporting Period End Date", "NHS Number", "LA Person Unique Identifier",
        "First Name", "Last Name", "GP Practice Name", "GP Practice Code", "Gender", "Ethnicity", "Date of Birth", "Date of Death",
        "Client Type", "Primary Support Reason", "Postcode", "Accommodation Status", "Employment Status", "Has Unpaid Carer",
        "Autism Spectrum Disorder (ASD)", "Visual Impairment", "Hearing Impairment", "Dementia", "Client Funding Status",
        "Event Type", "Event Reference", "Event Start Date", "Event End Date", "Event Description", "Event Outcome",
        "Request: Route of Access", "Assessment Type", "Eligible Needs Identified", "Method of Assessment",
        "Total Hrs Caring per week", "No. of adults being cared for", "Adult 1 Linked Person_ID", "Adult 2 Linked Person_ID",
        "Adult 3 Linked Person_ID", "Service Type", "Service Component", "Delivery Mechanism", "Provider CQC Location Name",
        "Provider CQC Location ID", "Review Reason", "Review Outcomes Achieved", "Method of Review", "Unit Cost",
        "Cost Frequency (Unit Type)", "Planned units per week",
    ];

    private readonly CsvTableWriter _table;
    private readonly DemoContext _context;

    public CldWriter(string directory, DemoContext context)
    {
        _context = context;
        _table = new CsvTableWriter(directory, FileName, Columns);
    }

    public CsvTableWriter Table => _table;

    public void Write(PersonLife p)
    {
        var id = p.CldIdentity!;
        var care = p.Adult!;
        var personId = p.CldPersonId;
        var n = 0;
        foreach (var e in care.Events)
        {
            n++;
            _table.Field(_context.Options.CouncilCode).Field(_context.CldWindowStart).Field(_context.AsOf).Field(id.NhsNumber).Field(personId)
                .Field(id.Forename).Field(id.Surname).Field(care.GpPracticeName).Field(care.GpPracticeCode)
                .Field(id.Sex == 'M' ? "Male" : "Female").Field(DemoCodes.CldEthnicity(p.Ethnicity)).Field(id.DateOfBirth).Field((string?)null)
                .Field("Service User").Field(care.SupportReason).Field(id.Postcode).Field(care.Accommodation).Field(care.Employment)
                .Field(care.UnpaidCarer).Field(YesNo(care.Autism)).Field(YesNo(care.VisualImpairment)).Field(YesNo(care.HearingImpairment))
                .Field("No").Field(care.FundingStatus)
                .Field(e.Type).Field(personId + "-" + n.ToString(CultureInfo.InvariantCulture)).Field(e.Start).Field(e.End)
                .Field(e.Description).Field(e.Outcome).Field(e.RouteOfAccess).Field(e.AssessmentType).Field(e.EligibleNeeds)
                .Field(e.MethodOfAssessment).Field((string?)null).Field((string?)null).Field((string?)null).Field((string?)null)
                .Field((string?)null).Field(e.ServiceType).Field(e.ServiceComponent).Field(e.DeliveryMechanism).Field(e.ProviderName)
                .Field(e.ProviderId).Field(e.ReviewReason).Field(e.ReviewOutcomes).Field(e.MethodOfReview)
                .Field(e.WeeklyCost?.ToString("0.00", CultureInfo.InvariantCulture))
                .Field(e.WeeklyCost is null ? null : "Weekly").Field(e.WeeklyCost is null ? null : "1").EndRow();
        }
    }

    private static string YesNo(bool value) => value ? "Yes" : "No";

    public void Dispose() => _table.Dispose();
}
