namespace Waypoint.Web;

/// <summary>What the GOV.UK pagination partial shows: the page, how many there are, a link for each and the nav's label.</summary>
public sealed record Pagination(int Page, int PageCount, Func<int, string> Link, string Label);
