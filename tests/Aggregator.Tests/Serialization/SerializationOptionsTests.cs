using Aggregator.Serialization;

namespace Aggregator.Tests.Serialization;

public sealed class SerializationOptionsTests
{
    [Theory]
    [InlineData("json", true)]
    [InlineData("avro", true)]
    [InlineData("AVRO", true)]
    [InlineData("protobuf", false)]
    public void Format_IsJsonOrAvro(string format, bool valid) =>
        Assert.Equal(valid, new SerializationOptionsValidator().Validate(null, new SerializationOptions { Format = format }).Succeeded);

    [Fact]
    public void Json_IsTheDefault() => Assert.False(new SerializationOptions().IsAvro);

    [Fact]
    public void Registry_UrlMustBeHttp_AndExcludesInMemory()
    {
        var validator = new SchemaRegistryOptionsValidator();

        Assert.True(validator.Validate(null, new SchemaRegistryOptions { Url = "http://registry:8081" }).Succeeded);
        Assert.False(validator.Validate(null, new SchemaRegistryOptions { Url = "registry:8081" }).Succeeded);
        Assert.False(validator.Validate(null, new SchemaRegistryOptions { Url = "http://registry:8081", InMemory = true }).Succeeded);
    }

    [Fact]
    public void Registry_BasicAuth_NeedsUserAndPassword_AndNeverShowsThePassword()
    {
        var validator = new SchemaRegistryOptionsValidator();
        var userOnly = validator.Validate(null, new SchemaRegistryOptions { Url = "http://r:8081", BasicAuthUser = "svc" });
        var passwordOnly = validator.Validate(null, new SchemaRegistryOptions { Url = "http://r:8081", BasicAuthPassword = "s3cret" });
        var both = new SchemaRegistryOptions { Url = "http://r:8081", BasicAuthUser = "svc", BasicAuthPassword = "s3cret" };

        Assert.False(userOnly.Succeeded);
        Assert.False(passwordOnly.Succeeded);
        Assert.DoesNotContain("s3cret", passwordOnly.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, both).Succeeded);
        Assert.DoesNotContain("s3cret", both.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_PasswordFile_IsRead_AndMustExist()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\n");
        try
        {
            var options = new SchemaRegistryOptions { Url = "http://r:8081", BasicAuthUser = "svc", BasicAuthPasswordFile = file };

            Assert.True(new SchemaRegistryOptionsValidator().Validate(null, options).Succeeded);
            Assert.Equal("from-file", options.Password());
            Assert.False(new SchemaRegistryOptionsValidator().Validate(null, new SchemaRegistryOptions { BasicAuthUser = "svc", BasicAuthPasswordFile = file + ".missing" }).Succeeded);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Registry_InMemory_OnlyWhenAskedOrEmbeddedWithoutUrl()
    {
        Assert.True(SchemaRegistryClients.UsesInMemory(new SchemaRegistryOptions(), embeddedBroker: true));
        Assert.True(SchemaRegistryClients.UsesInMemory(new SchemaRegistryOptions { InMemory = true }, embeddedBroker: false));
        Assert.False(SchemaRegistryClients.UsesInMemory(new SchemaRegistryOptions { Url = "http://r:8081" }, embeddedBroker: true));
        Assert.Throws<Aggregator.Cli.ConfigurationException>(() => SchemaRegistryClients.Create(new SchemaRegistryOptions(), embeddedBroker: false));
    }
}
