using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.DeliveryPlan;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>The questions the add and change pages share (<c>_ActionFields</c>), checked by Core's one list of rules.</summary>
public abstract class ActionFormModel : PageModel
{
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public List<string> Aims { get; set; } = [];
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? Timescale { get; set; }
    [BindProperty] public string? Resources { get; set; }
    [BindProperty] public string? CriticalMessages { get; set; }
    [BindProperty] public string? QualityMeasure { get; set; }

    public string? Refused { get; protected set; }

    /// <summary>The fields in page order, for the error summary.</summary>
    public const string Fields = "Reference,Action,Aims,Owner,Timescale,Resources,CriticalMessages,QualityMeasure,Status,Note";

    protected ActionDetails Details() => new(Reference ?? "", Action ?? "",
        DeliveryPlans.EachAim.Where(a => Aims.Contains(a.ToString())).Aggregate(StrategyAims.None, (all, a) => all | a),
        Owner, Timescale, Resources, CriticalMessages, QualityMeasure);

    /// <summary>Puts each problem with the details against its question; true when there are none.</summary>
    protected bool Check(ActionDetails details)
    {
        foreach (var (field, message) in DeliveryPlans.Check(details)) ModelState.AddModelError(field, message);
        return ModelState.IsValid;
    }

    protected void Show(StrategyAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (Reference, Action, Owner, Timescale, Resources, CriticalMessages, QualityMeasure) =
            (action.Reference, action.Action, action.Owner, action.Timescale, action.Resources, action.CriticalMessages, action.QualityMeasure);
        Aims = [.. DeliveryPlans.EachAim.Where(a => action.Aims.HasFlag(a)).Select(a => a.ToString())];
    }

    /// <summary>A refusal from Core against its question, or for the whole form.</summary>
    protected void Refuse(DeliveryPlanRefusedException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (refusal.Field is { } field) ModelState.AddModelError(field, refusal.Message);
        else Refused = refusal.Message;
    }
}
