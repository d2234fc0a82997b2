using Aggregator.RocksDb.Tests.TestSupport;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksDbOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new RocksDbOptions();

        options.Validate();

        Assert.True(options.CreateIfMissing);
        Assert.True(options.CacheIndexAndFilterBlocks);
        Assert.Equal(10, options.BloomFilterBitsPerKey);
        Assert.Equal(RocksDbCompression.Auto, options.Compression);
    }

    [Theory]
    [InlineData(nameof(RocksDbOptions.WriteBufferSizeBytes), "at least 65536")]
    [InlineData(nameof(RocksDbOptions.MaxWriteBufferNumber), "at least 2")]
    [InlineData(nameof(RocksDbOptions.DbWriteBufferSizeBytes), "0 (no cap) or positive")]
    [InlineData(nameof(RocksDbOptions.BloomFilterBitsPerKey), "between 0 (no filter) and 100")]
    [InlineData(nameof(RocksDbOptions.MaxBackgroundJobs), "at least 1")]
    [InlineData(nameof(RocksDbOptions.Compression), "is not a RocksDbCompression value")]
    public void Validate_NamesTheSettingAndTheRule(string setting, string rule)
    {
        var options = new RocksDbOptions();
        switch (setting)
        {
            case nameof(RocksDbOptions.WriteBufferSizeBytes): options.WriteBufferSizeBytes = 1_000; break;
            case nameof(RocksDbOptions.MaxWriteBufferNumber): options.MaxWriteBufferNumber = 1; break;
            case nameof(RocksDbOptions.DbWriteBufferSizeBytes): options.DbWriteBufferSizeBytes = -1; break;
            case nameof(RocksDbOptions.BloomFilterBitsPerKey): options.BloomFilterBitsPerKey = double.NaN; break;
            case nameof(RocksDbOptions.MaxBackgroundJobs): options.MaxBackgroundJobs = 0; break;
            case nameof(RocksDbOptions.Compression): options.Compression = (RocksDbCompression)42; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(setting, error.Message);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        var options = new RocksDbOptions { MaxWriteBufferNumber = 0, MaxBackgroundJobs = -1 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(nameof(RocksDbOptions.MaxWriteBufferNumber), error.Message);
        Assert.Contains(nameof(RocksDbOptions.MaxBackgroundJobs), error.Message);
    }

    [Fact]
    public void Validate_RejectsDisposedCache()
    {
        var cache = new RocksDbCache(1 << 20);
        cache.Dispose();

        var error = Assert.Throws<ArgumentException>(new RocksDbOptions { BlockCache = cache }.Validate);

        Assert.Contains("BlockCache has been disposed", error.Message);
    }

    [Fact]
    public void Open_ValidatesOptions_BeforeTouchingTheDisk()
    {
        using var dir = new TempDirectory();
        var path = dir.Sub("db");

        Assert.Throws<ArgumentException>(() => RocksDatabase.Open(path, new RocksDbOptions { MaxBackgroundJobs = 0 }));

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void Open_AppliesNonDefaultSettings()
    {
        using var cache = new RocksDbCache(8 << 20);
        var options = new RocksDbOptions
        {
            BlockCache = cache,
            WriteBufferSizeBytes = 1 << 20,
            MaxWriteBufferNumber = 3,
            DbWriteBufferSizeBytes = 2 << 20,
            CacheIndexAndFilterBlocks = false,
            BloomFilterBitsPerKey = 0,
            MaxBackgroundJobs = 4,
            Compression = RocksDbCompression.Zstd,
        };
        using var t = new TestDatabase(options);

        var optionsFile = Directory.GetFiles(t.DbPath, "OPTIONS-*").Select(File.ReadAllText).Single();
        Assert.Contains("write_buffer_size=1048576", optionsFile);
        Assert.Contains("max_write_buffer_number=3", optionsFile);
        Assert.Contains("db_write_buffer_size=2097152", optionsFile);
        Assert.Contains("max_background_jobs=4", optionsFile);
        Assert.Contains("compression=kZSTD", optionsFile);
        Assert.Contains("cache_index_and_filter_blocks=false", optionsFile);
        Assert.Contains("filter_policy=nullptr", optionsFile);
        Assert.Equal(RocksDbCompression.Zstd, t.Db.Compression);
    }

    [Fact]
    public void Open_WritesDefaultTableSettings()
    {
        using var t = new TestDatabase();

        var optionsFile = Directory.GetFiles(t.DbPath, "OPTIONS-*").Select(File.ReadAllText).Single();
        Assert.Contains("cache_index_and_filter_blocks=true", optionsFile);
        Assert.Contains("pin_l0_filter_and_index_blocks_in_cache=true", optionsFile);
        Assert.Contains("filter_policy=bloomfilter", optionsFile);
        Assert.Contains("keep_log_file_num=5", optionsFile);
    }
}
