using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Forecasting.Likelihood;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>The single view of one young person. Every view is audited; the URL carries only the opaque reference.</summary>
public sealed class PersonModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy, ForecastCache forecasts) : PageModel
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

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var cohorts = await RelationshipAccess.CohortsAsync(HttpContext.RequestServices, db, User.Council(), cancellationToken);
        Detail = await PersonRecord.GetAsync(db, User.Council(), reference, asOf, policy, cancellationToken, User.Viewer(), cohorts);
        if (Detail is null) return NotFound();
        await audit.RecordAsync(User, "view-person", Detail.Person.Id, null, cancellationToken);
        var fitted = await forecasts.FittedAsync(db, User.Council(), asOf, cancellationToken);
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
