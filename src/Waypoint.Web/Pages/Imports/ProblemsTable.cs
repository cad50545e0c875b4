using System.Diagnostics.CodeAnalysis;
using Waypoint.Core.Ingest;

[assembly: SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Waypoint.Web.Pages.Imports",
    Justification = "The feature folder is named as the navigation names it; Imports is a keyword only in Visual Basic, which nothing here is written in.")]

namespace Waypoint.Web.Pages.Imports;

/// <summary>A table of problems for the _Problems partial: its id, its caption, and the problems in file order.</summary>
public sealed record ProblemsTable(string Id, string Caption, IReadOnlyList<ImportProblem> Problems);
