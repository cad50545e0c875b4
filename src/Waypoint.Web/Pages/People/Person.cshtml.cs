using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Forecasting.Likelihood;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.People;

/// <summary>The single view of one young person. Every view is audited; the URL carries only the opaque reference.</summary>
public sealed class PersonModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy, ForecastCache forecasts, PersonRecordCache records) : PageModel
{
    public PersonDetail? Detail { get; private set; }

    /// <summary>The council's likely-needs rules in words, for a person none of them matched.</summary>
    public string LikelyNeedsRules => policy.LikelyNeeds.Describe();

    /// <summary>The likelihood of needing adult care and what it rests on, when it applies to this young person (<see cref="Likelihoods.Applies"/>).</summary>
    public LikelihoodExplanation? Likelihood { get; private set; }

    /// <summary>Whether <see cref="Likelihood"/> comes from a model fitted on the council's history rather than the rules.</summary>
    public bool Fitted { get; private set; }

    /// <summary>Whether the young person is in the forecasting history (14 to 25 with a date of birth), so has a roadmap.</summary>
    public bool HasRoadmap { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        Detail = await records.GetAsync(HttpContext, db, asOf, cancellationToken);
        if (Detail is null) return NotFound();
        await audit.RecordAsync(User, "view-person", Detail.Person.Id, null, cancellationToken);
        var fitted = await forecasts.FittedAsync(db, User.Council(), asOf, cancellationToken, await HttpContext.DataVersionAsync(db, cancellationToken));
        var person = fitted.Person(Detail.Person.Id);
        HasRoadmap = person is not null;
        if (person is not null && Likelihoods.Applies(person, asOf))
        {
            Likelihood = fitted.Likelihood.Explain(person);
            Fitted = fitted.Likelihood is LikelihoodModel;
        }
        return Page();
    }
}
