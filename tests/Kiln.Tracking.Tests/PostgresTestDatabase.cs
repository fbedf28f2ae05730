namespace Kiln.Tracking.Tests;

/// <summary>
/// The database a PostgreSQL test class shares (xunit class fixture): created before the class's first test, dropped
/// after its last; each test works in a fresh schema of it. When the server cannot be reached, the fixture fails and
/// with it every test of the class, with <see cref="PostgresServer"/>'s message on how to start the server.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    internal PostgresDatabase Database { get; } = PostgresServer.CreateDatabase();

    public void Dispose() => Database.Dispose();
}
