using System.Globalization;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using static Waypoint.Core.Ingest.FieldChecks;

namespace Waypoint.Core.Ingest;

/// <summary>
/// Adult social care Client Level Data: one row per event, the person fields repeated on every row. The first
/// row of each LA Person Unique Identifier makes the source record; every row is an event attached to it.
/// Coded text is compared case-insensitively in either release's spelling (formats.md section 4).
/// </summary>
internal static class CldParser
{
    public static IEnumerable<ParsedItem> Parse(string path, ParseContext context)
    {
        var report = context.Report;
        using var rows = new CsvRows(path, report);
        // Persons seen so far in this file: true when their record was accepted.
        var people = new Dictionary<string, (bool Accepted, int Line)>(StringComparer.Ordinal);
        var leaWarned = false;
        while (rows.Read())
        {
            // Rows, not people, so that read = imported + rejected as for every other file.
            report.RecordsRead++;
            var line = rows.Line;
            var personId = rows.Get("LA Person Unique Identifier");
            if (personId is null)
            {
                report.Error(DataQualityRules.PersonKeyMissing, line, "LA Person Unique Identifier", "is missing: the row has no person id; the row is rejected");
                report.Rejected++;
                continue;
            }
            if (KeyTooLong(report, line, "LA Person Unique Identifier", personId))
            {
                report.Rejected++;
                continue;
            }

            if (!leaWarned && rows.Get("LA Code") is { } lea && !string.Equals(lea, context.CouncilCode, StringComparison.OrdinalIgnoreCase))
            {
                report.Warn(DataQualityRules.LeaOtherCouncil, line, "LA Code", $"LA Code {Shown(lea)} is not this council ({context.CouncilCode}); records are imported for {context.CouncilCode}");
                leaWarned = true;
            }

            if (!people.TryGetValue(personId, out var person))
            {
                var record = Person(rows, personId, line, context);
                people[personId] = (record is not null, line);
                if (record is null)
                {
                    report.Rejected++;
                    continue;
                }
                var firstEvent = Event(rows, line, context);
                if (firstEvent is not null) record.Details.Add(firstEvent);
                else report.Rejected++;
                yield return record;
                continue;
            }

            if (!person.Accepted)
            {
                report.Error(DataQualityRules.RowOfRejectedPerson, line, "LA Person Unique Identifier", $"person {personId} was rejected at line {person.Line}; this event is rejected with them");
                report.Rejected++;
                continue;
            }
            var detail = Event(rows, line, context);
            if (detail is null) report.Rejected++;
            else yield return new ParsedDetail(personId, detail);
        }
    }

    private static ParsedRecord? Person(CsvRows rows, string personId, int line, ParseContext context)
    {
        var report = context.Report;
        if (!DateOfBirth(context, line, "Date of Birth", rows.Get("Date of Birth"), iso: false, out var dob)) return null;
        if (!OptionalDate(report, line, "Date of Death", rows.Get("Date of Death"), iso: false, out var death)) return null;
        var record = context.NewRecord(personId, line);
        record.Forename = rows.Get("First Name");
        record.Surname = rows.Get("Last Name");
        record.DateOfBirth = dob;
        record.DateOfDeath = death;
        // Gender becomes the record's sex code; a value in neither release is kept as given, as other formats' sex codes are.
        record.Sex = Coded(report, line, "Gender", rows.Get("Gender")) switch
        {
            null => null,
            "Male" => "M",
            "Female" => "F",
            var gender when CldValues.Release2("Gender", gender) is not null => "U",
            var given => given,
        };
        record.Ethnicity = rows.Get("Ethnicity");
        record.Postcode = PostcodeValue(report, line, "Postcode", rows.Get("Postcode"));
        var identifiers = new List<SourceIdentifier> { Key(context, IdentifierKind.AdultPersonId, personId) };
        if (Nhs(context, line, "NHS Number", rows.Get("NHS Number")) is { } nhs) identifiers.Add(nhs);
        return new ParsedRecord(record, identifiers, []);
    }

    private static AdultCareEvent? Event(CsvRows r, int line, ParseContext context)
    {
        var report = context.Report;
        bool Date(string field, out DateOnly? d) => OptionalDate(report, line, field, r.Get(field), iso: false, out d);

        var eventType = Coded(report, line, "Event Type", r.Get("Event Type"));
        if (eventType is null)
        {
            report.Error(DataQualityRules.RequiredFieldMissing, line, "Event Type", "is missing; the event is rejected");
            return null;
        }
        if (!RequiredDate(report, line, "Event Start Date", r.Get("Event Start Date"), iso: false, out var start)
            | !Date("Event End Date", out var end)
            | !Date("Reporting Period Start Date", out var periodStart)
            | !Date("Reporting Period End Date", out var periodEnd))
            return null;

        var unitCost = Money(report, line, "Unit Cost", r.Get("Unit Cost"), out var costOk);
        var units = Money(report, line, "Planned units per week", r.Get("Planned units per week"), out var unitsOk);
        if (!costOk || !unitsOk) return null;
        var frequency = r.Get("Cost Frequency (Unit Type)");

        return context.Detail(new AdultCareEvent
        {
            ReportingPeriodStart = periodStart,
            ReportingPeriodEnd = periodEnd,
            ClientType = Coded(report, line, "Client Type", r.Get("Client Type")),
            PrimarySupportReason = Coded(report, line, "Primary Support Reason", r.Get("Primary Support Reason")),
            AccommodationStatus = r.Get("Accommodation Status"),
            EmploymentStatus = r.Get("Employment Status"),
            HasUnpaidCarer = Coded(report, line, "Has Unpaid Carer", r.Get("Has Unpaid Carer")),
            ClientFundingStatus = r.Get("Client Funding Status"),
            EventType = eventType,
            EventReference = r.Get("Event Reference"),
            StartDate = start,
            EndDate = end,
            EventDescription = r.Get("Event Description"),
            EventOutcome = Coded(report, line, "Event Outcome", r.Get("Event Outcome")),
            RouteOfAccess = r.Get("Request: Route of Access"),
            AssessmentType = Coded(report, line, "Assessment Type", r.Get("Assessment Type")),
            EligibleNeedsIdentified = Coded(report, line, "Eligible Needs Identified", r.Get("Eligible Needs Identified")),
            MethodOfAssessment = r.Get("Method of Assessment"),
            ServiceType = Coded(report, line, "Service Type", r.Get("Service Type")),
            ServiceComponent = r.Get("Service Component"),
            DeliveryMechanism = r.Get("Delivery Mechanism"),
            ProviderLocationId = r.Get("Provider CQC Location ID"),
            ReviewReason = r.Get("Review Reason"),
            ReviewOutcomesAchieved = r.Get("Review Outcomes Achieved"),
            UnitCost = unitCost,
            CostFrequency = frequency,
            PlannedUnitsPerWeek = units,
            WeeklyCost = WeeklyCost(unitCost, units, frequency),
        }, line);
    }

    /// <summary>Weekly cost = unit cost x planned units per week, for weekly unit types only (formats.md section 4).</summary>
    internal static decimal? WeeklyCost(decimal? unitCost, decimal? unitsPerWeek, string? frequency)
    {
        if (unitCost is null) return null;
        var weekly = frequency is null || frequency.Contains("week", StringComparison.OrdinalIgnoreCase)
            || frequency.Contains("hour", StringComparison.OrdinalIgnoreCase) || frequency.Contains("day", StringComparison.OrdinalIgnoreCase);
        return weekly ? decimal.Round(unitCost.Value * (unitsPerWeek ?? 1m), 2) : null;
    }

    /// <summary>A coded field in its release 2 spelling; a value in neither release is kept as given, with a warning.</summary>
    private static string? Coded(FileReport report, int line, string field, string? value)
    {
        if (value is null) return null;
        if (CldValues.Release2(field, value) is { } known) return known;
        report.Warn(DataQualityRules.CodeNotInList, line, field, $"'{Shown(value)}' is not a known value in either CLD release; kept as given");
        return value;
    }

    private const decimal MaxAmount = 1_000_000_000m;

    private static decimal? Money(FileReport report, int line, string field, string? value, out bool ok)
    {
        ok = true;
        if (value is null) return null;
        if (decimal.TryParse(value.TrimStart('£'), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            // No unit cost or count of units reaches a billion; beyond it the weekly cost could not even be worked out.
            if (Math.Abs(amount) < MaxAmount) return amount;
            report.Error(DataQualityRules.NumberInvalid, line, field, $"'{Shown(value)}' is not a plausible amount (at most {MaxAmount:N0}); the event is rejected");
            ok = false;
            return null;
        }
        report.Error(DataQualityRules.NumberInvalid, line, field, $"'{Shown(value)}' is not a number; the event is rejected");
        ok = false;
        return null;
    }
}
