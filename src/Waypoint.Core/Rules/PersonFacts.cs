using System.Globalization;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.Rules;

/// <summary>
/// One 903 episode as the clock reads it. <see cref="End"/> is exclusive, as in the 903. <see cref="Record"/> is the
/// source record it came from: a later import's record has a larger id.
/// </summary>
public sealed record EpisodeFact(
    DateOnly Start, DateOnly? End, string? LegalStatus, string? Placement, string? ReasonCeased,
    string? PlacementPostcode = null, string? Urn = null, int Line = 0, long Record = 0)
{
    public string Describe() =>
        $"{Dates.Format(Start)} to {(End is { } end ? Dates.Format(end) : "now")} ({LegalStatus ?? "no legal status"}, {Placement ?? "no placement"})";
}

public sealed record EhcPlanFact(DateOnly? Start, DateOnly? Ceased, bool Residential);

public sealed record AdultEventFact(string EventType, DateOnly Start, DateOnly? End, string? EligibleNeeds, decimal? WeeklyCost);

/// <summary>A children's placement cost from a council spreadsheet; the file and line are the evidence a flag names.</summary>
public sealed record PlacementCostFact(DateOnly Start, DateOnly? End, decimal WeeklyCost, string File, int Line);

/// <summary>A continuing healthcare checklist or decision from a council's health involvement spreadsheet.</summary>
public sealed record ContinuingHealthcareFact(DateOnly? ChecklistDate, string? ChecklistOutcome, DateOnly? DecisionDate, string? Decision, string File, int Line);

/// <summary>A fact a practitioner recorded for a rule: <c>met</c>, or a rule's own outcome (see <see cref="StatutoryClock"/>).</summary>
public sealed record EvidenceFact(string RuleId, DateOnly Date, string Outcome);

public sealed record CaseFact(TransitionsStage Stage, DateOnly OpenedOn, DateOnly StageSince, string? NamedWorker)
{
    /// <summary>Whether the case is open: past "not identified" and not closed.</summary>
    public bool Open => Stage is not (TransitionsStage.NotIdentified or TransitionsStage.Closed);
}

/// <summary>
/// Everything the statutory clock reads about one person, gathered from every linked source record. Most people of a
/// council have few of these, so each list is made only when something is added to it.
/// </summary>
public sealed class PersonFacts
{
    private List<EpisodeFact>? _episodes;
    private List<EhcPlanFact>? _ehcPlans;
    private List<DateOnly>? _ehcReviews;
    private List<string>? _disabilities;
    private List<AdultEventFact>? _adultEvents;
    private List<(DateOnly Start, DateOnly? End)>? _libertyOrders;
    private List<EvidenceFact>? _evidence;
    private List<PlacementCostFact>? _placementCosts;
    private List<ContinuingHealthcareFact>? _continuingHealthcare;

    public long PersonId { get; init; }
    public string Reference { get; init; } = "";
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>903 episodes in order of start.</summary>
    public IReadOnlyList<EpisodeFact> Episodes => _episodes ?? [];

    public IReadOnlyList<EhcPlanFact> EhcPlans => _ehcPlans ?? [];
    public string? EhcPrimaryNeed { get; set; }
    public IReadOnlyList<DateOnly> EhcReviews => _ehcReviews ?? [];

    /// <summary>CIN census disability codes other than NONE.</summary>
    public IReadOnlyList<string> Disabilities => _disabilities ?? [];

    /// <summary>The first date any children's service (903, CIN, SEN2) knew the person.</summary>
    public DateOnly? FirstKnownToChildrensServices { get; set; }

    /// <summary>The latest CIN assessment that noted factor 7A (young carer).</summary>
    public DateOnly? YoungCarerConcern { get; set; }

    public IReadOnlyList<AdultEventFact> AdultEvents => _adultEvents ?? [];
    public IReadOnlyList<(DateOnly Start, DateOnly? End)> LibertyOrders => _libertyOrders ?? [];
    public CaseFact? Case { get; set; }
    public IReadOnlyList<EvidenceFact> Evidence => _evidence ?? [];

    /// <summary>Children's placement costs from council spreadsheets.</summary>
    public IReadOnlyList<PlacementCostFact> PlacementCosts => _placementCosts ?? [];

    /// <summary>Continuing healthcare checklists and decisions from council health involvement spreadsheets.</summary>
    public IReadOnlyList<ContinuingHealthcareFact> ContinuingHealthcare => _continuingHealthcare ?? [];

    public PersonFacts Add(EpisodeFact episode)
    {
        _episodes ??= [];
        // The same episode is in each year's 903 file: the copy from the latest import is kept.
        var same = _episodes.FindIndex(e => e.Start == episode.Start);
        if (same >= 0)
        {
            if (episode.Record >= _episodes[same].Record) _episodes[same] = episode;
            return this;
        }
        // Kept in order of start: files arrive in any order.
        var at = _episodes.Count;
        while (at > 0 && _episodes[at - 1].Start > episode.Start) at--;
        _episodes.Insert(at, episode);
        KnownOn(episode.Start);
        return this;
    }

    public PersonFacts Add(EhcPlanFact plan) => Added(ref _ehcPlans, plan);

    public PersonFacts Add(AdultEventFact adultEvent) => Added(ref _adultEvents, adultEvent);

    public PersonFacts Add(EvidenceFact evidence) => Added(ref _evidence, evidence);

    public PersonFacts Add(PlacementCostFact cost) => Added(ref _placementCosts, cost);

    public PersonFacts Add(ContinuingHealthcareFact healthcare) => Added(ref _continuingHealthcare, healthcare);

    public PersonFacts AddReview(DateOnly date) => Added(ref _ehcReviews, date);

    public PersonFacts AddLibertyOrder(DateOnly start, DateOnly? end) => Added(ref _libertyOrders, (start, end));

    public PersonFacts AddDisability(string code) => _disabilities?.Contains(code) == true ? this : Added(ref _disabilities, code);

    private PersonFacts Added<T>(ref List<T>? list, T item)
    {
        (list ??= []).Add(item);
        return this;
    }

    public void KnownOn(DateOnly date)
    {
        if (FirstKnownToChildrensServices is not { } first || date < first) FirstKnownToChildrensServices = date;
    }

    /// <summary>The latest record for a rule with one of the outcomes given (any outcome when none are given).</summary>
    public EvidenceFact? Latest(string ruleId, params string[] outcomes)
    {
        if (_evidence is null) return null;
        EvidenceFact? latest = null;
        foreach (var e in _evidence)
        {
            if (e.RuleId == ruleId && (outcomes.Length == 0 || outcomes.Contains(e.Outcome)) && (latest is null || e.Date > latest.Date)) latest = e;
        }
        return latest;
    }
}

/// <summary>Dates written as a practitioner reads them: "3 May 2026".</summary>
/// <summary>Sentences built from labels: a label starts lower case, a sentence does not.</summary>
public static class Sentences
{
    public static string Capital(string text) => string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

public static class Dates
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    // Built by hand: the clock writes millions of these, and a format string is parsed on every call.
    public static string Format(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Day} {Months[date.Month - 1]} {date.Year}");
}
