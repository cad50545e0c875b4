using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Insight;

/// <summary>
/// One young person as an analyst sees them (domain.md "Who uses it": pseudonymised data): a stable pseudonym in place
/// of who they are, and no name, reference, identifier, exact date of birth or full postcode.
/// The birth month is the year and month ("2009-03"), never the day. The month is kept because the work is planned
/// month by month around birthdays (the 16th, 17th and 18th, a transition assessment due at 17 and a half), which a
/// year alone blurs by up to twelve months; the day is dropped because, with sex and a postcode district, it is what
/// singles a person out. The postcode district is the outward code of the home postcode ("LE1"), never the whole one.
/// </summary>
public sealed record PseudonymisedRow(
    string Pseudonym, int Age, string AgeBand, string? BirthMonth, string? Sex, IReadOnlyList<string> Cohorts, string? EhcPrimaryNeed,
    TransitionsStage Stage, CareLeaverStatus CareLeaver, bool LikelyToNeedAdultCare, IReadOnlyList<string> Overdue, IReadOnlyList<string> Flags,
    string? PostcodeDistrict);

/// <summary>What an analyst filters by: the tracker's filters that say nothing about one person.</summary>
public sealed record PseudonymisedQuery(string? Cohort = null, string? AgeBand = null, TransitionsStage? Stage = null, int Page = 1, int PageSize = 50);

public sealed record PseudonymisedPage(IReadOnlyList<PseudonymisedRow> Rows, int Total, int Page, int PageCount);

public static class PseudonymisedRows
{
    /// <summary>The tracker's rows made pseudonymous, in pseudonym order (an order that says nothing about anyone).</summary>
    public static IReadOnlyList<PseudonymisedRow> Of(IEnumerable<TrackerRow> rows, Pseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        return [.. rows.Select(r => new PseudonymisedRow(
                pseudonyms.Of(r.Reference), r.Age, Age.Band(r.Age) ?? "", r.DateOfBirth?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                r.Sex, r.Cohorts, r.EhcPrimaryNeed, r.Stage, r.Clock.CareLeaver.Status, r.Clock.LikelyNeeds is not null,
                [.. r.Overdue], [.. r.Clock.Flags.Select(f => f.Rule.Id)], Postcode.District(r.Postcode)))
            .OrderBy(r => r.Pseudonym, StringComparer.Ordinal)];
    }

    /// <summary>One page of the rows that pass the filters; a page past the end is the last page.</summary>
    public static PseudonymisedPage Apply(IReadOnlyList<PseudonymisedRow> rows, PseudonymisedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = Filter(rows, query);
        var pageSize = Math.Max(1, query.PageSize);
        var pageCount = Math.Max(1, (found.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new PseudonymisedPage([.. found.Skip((page - 1) * pageSize).Take(pageSize)], found.Count, page, pageCount);
    }

    /// <summary>Every row that passes the filters, for a download.</summary>
    public static IReadOnlyList<PseudonymisedRow> Filter(IReadOnlyList<PseudonymisedRow> rows, PseudonymisedQuery query)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(query);
        return [.. rows.Where(r => (query.Cohort is not { Length: > 0 } cohort || r.Cohorts.Contains(cohort))
            && (query.AgeBand is not { Length: > 0 } band || r.AgeBand == band)
            && (query.Stage is not { } stage || r.Stage == stage))];
    }
}
