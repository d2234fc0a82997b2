using Aggregator.RocksDb.Native;
using Aggregator.RocksDb.Tests.TestSupport;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksDbNativeLibraryTests
{
    [Fact]
    public void Load_ExplainsWhatToInstall_WhenNoCandidateLoads()
    {
        var error = Assert.Throws<DllNotFoundException>(() =>
            RocksDbNativeLibrary.Load(["librocksdb-does-not-exist.so.1", "librocksdb-nor-this.so"]));

        Assert.Contains("apt-get install librocksdb7.8", error.Message);
        Assert.Contains("librocksdb-does-not-exist.so.1", error.Message);
    }

    [Fact]
    public void Resolver_LoadsAVersionedSoname()
    {
        using var t = new TestDatabase(); // any call forces the load

        Assert.Contains(RocksDbNativeLibrary.LoadedFrom, RocksDbNativeLibrary.Candidates);
        Assert.StartsWith("librocksdb.so.", RocksDbNativeLibrary.LoadedFrom);
    }

    [Fact]
    public void Candidates_PreferTheTestedVersion_AndEndWithTheUnversionedName()
    {
        Assert.Equal("librocksdb.so.7.8", RocksDbNativeLibrary.Candidates[0]);
        Assert.Equal("librocksdb.so", RocksDbNativeLibrary.Candidates[^1]);
    }
}
