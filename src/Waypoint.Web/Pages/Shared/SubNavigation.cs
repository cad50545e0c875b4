namespace Waypoint.Web;

/// <summary>What the sub-navigation partial shows: one link per part of an area, the current one marked, and the nav's label.</summary>
public sealed record SubNavigation(string Label, string Current, IReadOnlyList<(string Key, string Href, string Text)> Links);
