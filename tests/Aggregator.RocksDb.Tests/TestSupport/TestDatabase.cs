namespace Aggregator.RocksDb.Tests.TestSupport;

/// <summary>A database in its own temp directory; disposing closes it and deletes the directory.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TestDatabase(RocksDbOptions? options = null)
    {
        Options = options ?? new RocksDbOptions();
        Db = RocksDatabase.Open(DbPath, Options);
    }

    public RocksDbOptions Options { get; }

    public RocksDatabase Db { get; private set; }

    public string DbPath => _directory.Sub("db");

    public TempDirectory Directory => _directory;

    public RocksDatabase Reopen()
    {
        Db.Dispose();
        Db = RocksDatabase.Open(DbPath, Options);
        return Db;
    }

    public void Dispose()
    {
        Db.Dispose();
        _directory.Dispose();
    }
}
