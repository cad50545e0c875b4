using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;

namespace Waypoint.Core.Panel;

/// <summary>The panel's tables, configured here so that WaypointDbContext only calls <see cref="Configure"/>.</summary>
internal static class PanelModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PanelMeeting>(e =>
        {
            e.HasIndex(m => new { m.CouncilCode, m.MeetsOn });
            e.Property(m => m.Format).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.Place).HasMaxLength(500);
            e.Property(m => m.Chair).HasMaxLength(200);
            e.Property(m => m.CreatedBy).HasMaxLength(256);
            e.HasMany(m => m.Cases).WithOne().HasForeignKey(c => c.PanelMeetingId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.PanelMeetingId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PanelCase>(e =>
        {
            // A case is on a meeting's agenda once (PanelMeeting.AddCase refuses; this stops two people at once).
            e.HasIndex(c => new { c.PanelMeetingId, c.TransitionsCaseId }).IsUnique();
            e.HasIndex(c => new { c.CouncilCode, c.PersonId });
            e.HasOne<TransitionsCase>().WithMany().HasForeignKey(c => c.TransitionsCaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PanelMeeting>().WithMany().HasForeignKey(c => c.DeferredToMeetingId).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Question).HasMaxLength(4000);
            e.Property(c => c.StageWhenAdded).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.AddedBy).HasMaxLength(256);
            e.Property(c => c.Decision).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.WeeklyCost).HasPrecision(12, 2);
            e.Property(c => c.DecisionReason).HasMaxLength(4000);
            e.Property(c => c.DecisionNotes).HasMaxLength(4000);
            e.Property(c => c.DecidedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<PanelAttendee>(e =>
        {
            e.Property(a => a.Agency).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.Attendance).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.Role).HasMaxLength(200);
        });
        modelBuilder.Entity<PanelActionFollowUp>(e =>
        {
            e.HasOne<PanelMeeting>().WithMany().HasForeignKey(f => f.PanelMeetingId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CaseTask>().WithMany().HasForeignKey(f => f.CaseTaskId).OnDelete(DeleteBehavior.Restrict);
            // An action is followed up once at each meeting.
            e.HasIndex(f => new { f.CaseTaskId, f.PanelMeetingId }).IsUnique();
            e.Property(f => f.Note).HasMaxLength(4000);
            e.Property(f => f.By).HasMaxLength(256);
        });
        // Panel actions are the pathway's one task entity, tied to the meeting that set them.
        modelBuilder.Entity<CaseTask>().HasOne<PanelMeeting>().WithMany().HasForeignKey(t => t.PanelMeetingId).OnDelete(DeleteBehavior.Restrict);
    }
}
