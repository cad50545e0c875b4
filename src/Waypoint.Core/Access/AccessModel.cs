using Microsoft.EntityFrameworkCore;
using Waypoint.Core.People;

namespace Waypoint.Core.Access;

/// <summary>The access tables, configured here so that WaypointDbContext only calls <see cref="Configure"/>.</summary>
internal static class AccessModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Team>(e =>
        {
            e.HasIndex(t => new { t.CouncilCode, t.Name }).IsUnique();
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.WorksWith).HasMaxLength(500);
            e.Property(t => t.ChangedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<BreakGlassAccess>(e =>
        {
            // No foreign key to the person: like the audit, the record of an emergency access outlives the record it opened.
            e.HasIndex(b => new { b.CouncilCode, b.UserName, b.PersonId });
            e.HasIndex(b => new { b.CouncilCode, b.ReviewedAt });
            e.Property(b => b.UserName).HasMaxLength(256);
            e.Property(b => b.Role).HasMaxLength(64);
            e.Property(b => b.Team).HasMaxLength(200);
            e.Property(b => b.Reason).HasMaxLength(BreakGlass.ReasonLength);
            e.Property(b => b.ReviewedBy).HasMaxLength(256);
            e.Property(b => b.ReviewNote).HasMaxLength(BreakGlass.ReviewNoteLength);
        });
        modelBuilder.Entity<HealthSharingConsent>(e =>
        {
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.CouncilCode, c.PersonId });
            e.Property(c => c.RecordedBy).HasMaxLength(256);
            e.Property(c => c.WithdrawnBy).HasMaxLength(256);
        });
    }
}
