using System.Globalization;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.Rules;

/// <summary>One 903 episode as the clock reads it. <see cref="End"/> is exclusive, as in the 903.</summary>
public sealed record EpisodeFact(
    DateOnly Start, DateOnly? End, string? LegalStatus, string? Placement, string? ReasonCeased,
    string? PlacementPostcode = null, string? Urn = null, int Line = 0)
{
    public string Describe() =>
        $"{Dates.Format(Start)} to {(End is { } end ? Dates.Format(end) : "now")} ({LegalStatus ?? "no legal status"}, {Placement ?? "no placement"})";
}

public sealed record EhcPlanFact(DateOnly? Start, DateOnly? Ceased, bool Residential);

public sealed record AdultEventFact(string EventType, DateOnly Start, DateOnly? End, string? EligibleNeeds, decimal? WeeklyCost);

/// <summary>A fact a practitioner recorded for a rule: <c>met</c>, or a rule's own outcome (see <see cref="StatutoryClock"/>).</summary>
public sealed record EvidenceFact(string RuleId, DateOnly Date, string Outcome);

public sealed record CaseFact(TransitionsStage Stage, DateOnly OpenedOn, DateOnly StageSince, string? NamedWorker);

/// <summary>Everything the statutory clock reads about one person, gathered from every linked source record.</summary>
public sealed class PersonFacts
{
    public long PersonId { get; init; }
    public string Reference { get; init; } = "";
    public DateOnly? DateOfBirth { get; init; }
    public List<EpisodeFact> Episodes { get; } = [];
    public List<EhcPlanFact> EhcPlans { get; } = [];
    public string? EhcPrimaryNeed { get; set; }
    public List<DateOnly> EhcReviews { get; } = [];
    public HashSet<string> Disabilities { get; } = new(StringComparer.Ordinal);

    /// <summary>The first date any children's service (903, CIN, SEN2) knew the person.</summary>
    public DateOnly? FirstKnownToChildrensServices { get; set; }

    /// <summary>The latest CIN assessment that noted factor 7A (young carer).</summary>
    public DateOnly? YoungCarerConcern { get; set; }

    public List<AdultEventFact> AdultEvents { get; } = [];
    public List<(DateOnly Start, DateOnly? End)> LibertyOrders { get; } = [];
    public CaseFact? Case { get; set; }
    public List<EvidenceFact> Evidence { get; } = [];

    public void KnownOn(DateOnly date)
    {
        if (FirstKnownToChildrensServices is not { } first || date < first) FirstKnownToChildrensServices = date;
    }

    /// <summary>The latest record for a rule with one of the outcomes given (any outcome when none are given).</summary>
    public EvidenceFact? Latest(string ruleId, params string[] outcomes) =>
        Evidence.Where(e => e.RuleId == ruleId && (outcomes.Length == 0 || outcomes.Contains(e.Outcome))).MaxBy(e => e.Date);
}

/// <summary>Dates written as a practitioner reads them: "3 May 2026".</summary>
public static class Dates
{
    public static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
