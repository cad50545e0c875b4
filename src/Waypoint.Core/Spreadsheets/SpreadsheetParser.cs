using System.Globalization;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;

namespace Waypoint.Core.Spreadsheets;

/// <summary>One field of a row as its mapping reads it: the sheet's own heading and the value Waypoint keeps.</summary>
public sealed record MappedValue(string Field, string Heading, string? Value);

/// <summary>One row of a sheet as its mapping reads it, with the problems found in it (a preview shows these).</summary>
public sealed record MappedRow(int Line, IReadOnlyList<MappedValue> Values, bool Rejected, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Reads a council spreadsheet through its mapping, with the severities of formats.md section 7: a mapped heading the
/// sheet lacks is fatal; a row with no person key or an impossible date is rejected; a value the mapping has no code
/// for is kept as given with a warning. The first row of each person makes their source record (from its person
/// fields and identifiers); with placement costs and health involvement every row adds a detail to that record, and
/// a local tracker has one row per person. Problems name the sheet's own heading.
/// </summary>
internal static class SpreadsheetParser
{
    private static readonly string[] Dates = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    public static IEnumerable<ParsedItem> Parse(string path, ParseContext context, SpreadsheetMapping mapping, Action<MappedRow>? rowRead = null)
    {
        var report = context.Report;
        using var rows = SheetRows.Open(path, report, mapping.Worksheet, mapping.PersonKeyHeading);
        var fields = mapping.MappedFields().ToList();
        var missing = fields.Where(f => !rows.Has(f.Heading)).Select(f => f.Heading).ToList();
        if (missing.Count > 0)
        {
            var found = rows.Headings.Count == 0 ? "it has none" : "it has: " + string.Join(", ", rows.Headings.Take(20)) + (rows.Headings.Count > 20 ? ", ..." : "");
            throw report.Fatal(DataQualityRules.MappedHeadingMissing, rows.Line, string.Join(", ", missing),
                $"the mapping '{mapping.Name}' reads {(missing.Count == 1 ? "a heading" : "headings")} the sheet does not have: {string.Join(", ", missing)} ({found})");
        }
        var codes = mapping.Codes.GroupBy(c => c.Field)
            .ToDictionary(g => g.Key, g => g.GroupBy(c => c.Value.Trim()).ToDictionary(v => v.Key, v => v.First().Code, StringComparer.OrdinalIgnoreCase));
        // Persons seen so far in this file: whether their record was accepted, and the line that made it.
        var people = new Dictionary<string, (bool Accepted, int Line)>(StringComparer.Ordinal);

        while (rows.Read())
        {
            var row = new Row(rows, context, mapping, codes);
            if (fields.All(f => rows.Get(f.Heading) is null)) continue;
            // Rows, not people, so that read = imported + rejected as for every other file.
            report.RecordsRead++;
            var problemsBefore = report.Problems.Count;
            var rejectedBefore = report.Rejected;
            var item = Read(row, people, context, mapping);
            if (item is null) report.Rejected++;
            // A field the row did not need (a person field after the person's first row) is shown as the sheet has it.
            rowRead?.Invoke(new MappedRow(row.Line,
                fields.Select(f => new MappedValue(f.Field.Id, f.Heading, row.Shown.TryGetValue(f.Field.Id, out var shown) ? shown : rows.Get(f.Heading))).ToList(),
                report.Rejected > rejectedBefore, report.Problems.Skip(problemsBefore).ToList()));
            if (item is not null) yield return item;
        }
    }

    private static ParsedItem? Read(Row row, Dictionary<string, (bool Accepted, int Line)> people, ParseContext context, SpreadsheetMapping mapping)
    {
        var report = context.Report;
        var keyHeading = mapping.PersonKeyHeading;
        var rawKey = row.Text(mapping.PersonKeyIdentifier, keyHeading);
        if (rawKey is null)
        {
            report.Error(DataQualityRules.PersonKeyMissing, row.Line, keyHeading, "is missing: the row does not say whose it is; the row is rejected");
            return null;
        }
        if (FieldChecks.KeyTooLong(report, row.Line, keyHeading, rawKey)) return null;
        var key = mapping.PersonKeyIdentifier == IdentifierKind.NhsNumber ? NhsNumber.Normalise(rawKey) ?? rawKey : rawKey;

        if (people.TryGetValue(key, out var person))
        {
            if (mapping.Holds == SheetContent.LocalTracker)
            {
                report.Error(DataQualityRules.DuplicateKey, row.Line, keyHeading, $"{key} appears more than once in the sheet (first at line {person.Line}); this row is rejected");
                return null;
            }
            if (!person.Accepted)
            {
                report.Error(DataQualityRules.RowOfRejectedPerson, row.Line, keyHeading, $"{key} was rejected at line {person.Line}; this row is rejected with them");
                return null;
            }
            var detail = Detail(row, context, mapping);
            return detail is null ? null : new ParsedDetail(key, detail);
        }

        var record = Person(row, key, rawKey, context, mapping);
        RecordDetail? first = null;
        if (record is not null && mapping.Holds != SheetContent.LocalTracker)
        {
            first = Detail(row, context, mapping);
            if (first is null) record = null;
        }
        people[key] = (record is not null, row.Line);
        if (record is null) return null;
        if (first is not null) record.Details.Add(first);
        return record;
    }

    private static ParsedRecord? Person(Row row, string key, string rawKey, ParseContext context, SpreadsheetMapping mapping)
    {
        var report = context.Report;
        var dob = row.Date("dateOfBirth");
        if (!row.Ok) return null;
        if (dob is { } born && (born > context.Today || born < EarliestBirth))
        {
            report.Error(DataQualityRules.DateOfBirthImpossible, row.Line, mapping.HeadingOf("dateOfBirth")!, $"date of birth {FieldChecks.Shown(row.Raw("dateOfBirth")!)} is impossible; the row is rejected");
            return null;
        }

        var record = context.NewRecord(key, row.Line);
        record.Forename = row.Text("forename");
        record.Surname = row.Text("surname");
        record.DateOfBirth = dob;
        record.Sex = row.Code("sex") is { } sex ? FieldChecks.Sex(sex) : null;
        if (row.Text("postcode") is { } postcode) record.Postcode = FieldChecks.PostcodeValue(report, row.Line, mapping.HeadingOf("postcode")!, postcode);

        var identifiers = new List<SourceIdentifier> { Identifier(context, row.Line, mapping.PersonKeyHeading, mapping.PersonKeyIdentifier, rawKey)! };
        foreach (var kind in new[] { IdentifierKind.CouncilChildId, IdentifierKind.AdultPersonId, IdentifierKind.NhsNumber, IdentifierKind.Upn })
        {
            if (kind == mapping.PersonKeyIdentifier || row.Text(kind) is not { } value) continue;
            if (Identifier(context, row.Line, mapping.HeadingOf(kind)!, kind, value) is { } identifier) identifiers.Add(identifier);
        }
        return new ParsedRecord(record, identifiers, []);
    }

    /// <summary>The council's own ids are always keys; an NHS number or UPN only when it passes its check (a warning otherwise).</summary>
    private static SourceIdentifier? Identifier(ParseContext context, int line, string heading, string kind, string value) => kind switch
    {
        IdentifierKind.NhsNumber => FieldChecks.Nhs(context, line, heading, value),
        IdentifierKind.Upn => FieldChecks.Upn(context, line, heading, value),
        _ => FieldChecks.Key(context, kind, value),
    };

    private static RecordDetail? Detail(Row row, ParseContext context, SpreadsheetMapping mapping)
    {
        if (mapping.Holds == SheetContent.PlacementCosts)
        {
            var start = row.Date("start", required: true);
            var end = row.Date("end");
            var weekly = row.Money("weeklyCost", required: true);
            var cost = new ChildPlacementCost
            {
                StartDate = start ?? default,
                EndDate = end,
                WeeklyCost = weekly ?? 0m,
                FundingStream = row.Code("fundingStream"),
                PlacementType = row.Code("placementType"),
                Provider = row.Code("provider"),
            };
            if (row.Ok && end < start) row.Reject(DataQualityRules.EndsBeforeStart, "end", $"the placement ends ({row.Raw("end")}) before it starts ({row.Raw("start")}); the row is rejected");
            return row.Ok ? context.Detail(cost, row.Line) : null;
        }

        var service = row.Code("service", required: true);
        var health = new HealthInvolvement
        {
            Service = service ?? "",
            StartDate = row.Date("start"),
            EndDate = row.Date("end"),
            ChecklistDate = row.Date("checklistDate"),
            ChecklistOutcome = row.Code("checklistOutcome"),
            DecisionDate = row.Date("decisionDate"),
            Decision = row.Code("decision"),
            Outcome = row.Code("outcome"),
        };
        if (row.Ok && health.EndDate < health.StartDate)
            row.Reject(DataQualityRules.EndsBeforeStart, "end", $"the involvement ends ({row.Raw("end")}) before it starts ({row.Raw("start")}); the row is rejected");
        return row.Ok ? context.Detail(health, row.Line) : null;
    }

    /// <summary>
    /// One row's fields by id, read through the mapping. Each check reports under the sheet's own heading; an error
    /// marks the row rejected (<see cref="Ok"/> false) but the other fields are still checked, so one pass reports all.
    /// </summary>
    private sealed class Row(SheetRows rows, ParseContext context, SpreadsheetMapping mapping, Dictionary<string, Dictionary<string, string>> codes)
    {
        private readonly FileReport _report = context.Report;

        public int Line { get; } = rows.Line;

        public bool Ok { get; private set; } = true;

        /// <summary>What each field became, for a preview.</summary>
        public Dictionary<string, string?> Shown { get; } = [];

        public string? Raw(string field) => mapping.HeadingOf(field) is { } heading ? rows.Get(heading) : null;

        public void Reject(DataQualityRule rule, string field, string message)
        {
            _report.Error(rule, Line, mapping.HeadingOf(field) ?? field, message);
            Ok = false;
        }

        public string? Text(string field, string? heading = null)
        {
            var value = heading is null ? Raw(field) : rows.Get(heading);
            Shown[field] = value;
            return value;
        }

        /// <summary>
        /// A value turned into a code by the mapping's values, or already one of the field's codes; otherwise kept as given
        /// with a warning (formats.md section 7). A field without codes or values is kept as given.
        /// </summary>
        public string? Code(string field, bool required = false)
        {
            var value = Raw(field);
            if (value is null)
            {
                if (required) Reject(DataQualityRules.RequiredFieldMissing, field, "is missing; the row is rejected");
                return null;
            }
            var known = SheetFields.For(mapping.Holds).First(f => f.Id == field).Codes;
            var values = codes.GetValueOrDefault(field);
            string? code = null;
            if (values is not null && values.TryGetValue(value, out var mapped)) code = mapped;
            else if (known?.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase)) is { } same) code = same;
            else if (field == "sex" && value.ToUpperInvariant() is "MALE" or "FEMALE") code = value[..1].ToUpperInvariant();
            else if (known is not null || values is not null)
                _report.Warn(DataQualityRules.CodeNotInList, Line, mapping.HeadingOf(field)!, $"'{FieldChecks.Shown(value)}' is not a value the mapping '{mapping.Name}' knows{(known is null ? "" : $" ({string.Join(", ", known)} expected)")}; kept as given");
            Shown[field] = code ?? value;
            return code ?? value;
        }

        public DateOnly? Date(string field, bool required = false)
        {
            var value = Raw(field);
            if (value is null)
            {
                if (required) Reject(DataQualityRules.RequiredFieldMissing, field, "is missing; the row is rejected");
                return null;
            }
            // A time some systems add after the date (an XLSX cell never has one here) does not change the day.
            var day = value.Length > 10 && value[10] is ' ' or 'T' ? value[..10] : value;
            if (!DateOnly.TryParseExact(day, Dates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                // A date of birth that is not a date rejects the person's record, as in the statutory files.
                var rule = field == "dateOfBirth" ? DataQualityRules.DateOfBirthImpossible : DataQualityRules.DateImpossible;
                Reject(rule, field, $"'{FieldChecks.Shown(value)}' is not a real date (dd/mm/yyyy or yyyy-mm-dd expected); the row is rejected");
                return null;
            }
            Shown[field] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return date;
        }

        public decimal? Money(string field, bool required = false)
        {
            var value = Raw(field);
            if (value is null)
            {
                if (required) Reject(DataQualityRules.RequiredFieldMissing, field, "is missing; the row is rejected");
                return null;
            }
            if (!decimal.TryParse(value.Replace("£", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
            {
                Reject(DataQualityRules.NumberInvalid, field, $"'{FieldChecks.Shown(value)}' is not an amount of money in pounds; the row is rejected");
                return null;
            }
            amount = decimal.Round(amount, 2);
            Shown[field] = amount.ToString("0.00", CultureInfo.InvariantCulture);
            return amount;
        }
    }
}
