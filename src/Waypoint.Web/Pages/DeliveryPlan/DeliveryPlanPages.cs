using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Govuk;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>What the delivery plan's pages share: the GOV.UK tag colour of each RAG rating, and the choices their questions offer.</summary>
public static class DeliveryPlanPages
{
    /// <summary>GOV.UK Frontend has no amber tag: orange stands for it.</summary>
    public static string TagClass(Rag rag) => rag switch
    {
        Rag.Red => "govuk-tag--red",
        Rag.Amber => "govuk-tag--orange",
        Rag.Green => "govuk-tag--green",
        Rag.Blue => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    public static string TagClass(ActionStatus status) => TagClass(DeliveryPlans.RagOf(status));

    public static IReadOnlyList<GovukOption> StatusOptions { get; } =
        DeliveryPlans.Statuses.Select(s => new GovukOption(s.ToString(), DeliveryPlans.Label(s), $"{DeliveryPlans.Label(DeliveryPlans.RagOf(s))} on the board's summary")).ToList();

    public static IReadOnlyList<GovukOption> AimOptions { get; } =
        DeliveryPlans.EachAim.Select(a => new GovukOption(a.ToString(), DeliveryPlans.Label(a))).ToList();

    /// <summary>A status from a form or query string, by its name; numbers and unknown names are none.</summary>
    public static ActionStatus? ParseStatus(string? value) =>
        value is not null && !value.Any(char.IsAsciiDigit) && Enum.TryParse<ActionStatus>(value, out var status) && Enum.IsDefined(status) ? status : null;

    /// <summary>The link to an action's page: references such as "2.3" are safe in a path, others are escaped.</summary>
    public static string Link(string reference) => "/delivery-plan/actions/" + Uri.EscapeDataString(reference);
}
