using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Remediation.Persistence;

namespace Remediation.Shared.Tests.Persistence;

/// <summary><c>INSERT … ON CONFLICT DO NOTHING</c> built from the model, on both databases: inserts once, reports a duplicate, round-trips every column kind.</summary>
public sealed class InsertIfAbsentTests
{
    public enum Colour
    {
        Red,
        Blue,
    }

    public sealed class Ticket
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public Colour Colour { get; set; }

        public DateTimeOffset At { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public string? Note { get; set; }

        public string Document { get; set; } = "{}";

        public int Version { get; set; }
    }

    private sealed class TicketDbContext(DbContextOptions<TicketDbContext> options) : DbContext(options)
    {
        public DbSet<Ticket> Tickets => Set<Ticket>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Ticket>(t =>
            {
                t.ToTable("tickets");
                t.Property(x => x.Colour).HasConversion<string>().HasMaxLength(8);
                t.Property(x => x.Document).IsJsonDocument(this);
                t.Property(x => x.Version).IsConcurrencyToken();
            });
            modelBuilder.ApplyRemediationConventions(this);
        }
    }

    private static async Task<DbContextOptions<TicketDbContext>> CreateAsync(TestStore store)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(store.Configuration).Build()
            .GetSection(PersistenceOptions.Section).Get<PersistenceOptions>()!;
        var builder = new DbContextOptionsBuilder<TicketDbContext>();
        builder.UseRemediationProvider(options);
        await using var db = new TicketDbContext(builder.Options);
        await db.Database.EnsureCreatedAsync();
        return builder.Options;
    }

    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Inserts_a_new_row_once_and_leaves_the_stored_one_alone_on_a_duplicate(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var options = await CreateAsync(store);
        var at = new DateTimeOffset(2026, 11, 22, 14, 30, 1, 123, TimeSpan.FromHours(2));
        var first = new Ticket { Id = Guid.NewGuid(), Name = "first", Colour = Colour.Blue, At = at, Document = """{"a":[1,2]}""", Version = 3 };

        await using (var db = new TicketDbContext(options))
            Assert.True(await db.InsertIfAbsentAsync(first, CancellationToken.None));

        var duplicate = new Ticket { Id = first.Id, Name = "second", Colour = Colour.Red, At = at.AddHours(1), Note = "x", Version = 9 };
        await using (var db = new TicketDbContext(options))
            Assert.False(await db.InsertIfAbsentAsync(duplicate, CancellationToken.None));

        await using (var db = new TicketDbContext(options))
        {
            var stored = Assert.Single(await db.Tickets.AsNoTracking().ToListAsync());
            Assert.Equal((first.Id, "first", Colour.Blue, at, (DateTimeOffset?)null, (string?)null, 3), (stored.Id, stored.Name, stored.Colour, stored.At, stored.FinishedAt, stored.Note, stored.Version));
            Assert.Equal([1, 2], System.Text.Json.JsonDocument.Parse(stored.Document).RootElement.GetProperty("a").EnumerateArray().Select(e => e.GetInt32()));

            // EF Core reads and updates the row it did not insert as its own (the converters and the concurrency token agree).
            stored.FinishedAt = at.AddMinutes(5);
            db.Attach(stored).Property(x => x.FinishedAt).IsModified = true;
            Assert.Equal(1, await db.SaveChangesAsync());
            Assert.Equal(1, await db.Tickets.CountAsync(t => t.FinishedAt > at));
        }
    }

    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Runs_in_the_contexts_transaction(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var options = await CreateAsync(store);

        await using (var db = new TicketDbContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await db.InsertIfAbsentAsync(new Ticket { Id = Guid.NewGuid(), Name = "rolled back", At = DateTimeOffset.UnixEpoch }, CancellationToken.None));
            await transaction.RollbackAsync();
        }

        await using var check = new TicketDbContext(options);
        Assert.Equal(0, await check.Tickets.CountAsync());
    }
}
