using System.Reflection;
using System.Text;
using Aggregator.Activity;
using Aggregator.Demo;
using Aggregator.Serialization;
using Confluent.SchemaRegistry;

namespace Aggregator.Tests.Serialization;

public sealed class RawInputDecoderTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"type":"click","timestamp":1795255210250,"userId":"u-1"}""");

    private static byte[] Avro()
    {
        using var encoder = RawValueEncoder.For(new GeneratorOptions { Format = "avro" });
        return encoder.Encode(Json);
    }

    [Fact]
    public void Json_PassesThrough_Untouched()
    {
        var input = new RawInputDecoder(AvroTestWorld.RegistryWithSchemas()).Decode(Json, "activity.raw");

        Assert.Same(Json, input.Json);
        Assert.False(input.IsAvro);
    }

    [Fact]
    public void RegistryUnreachableWhileRunning_TheRecordWaits_ThenDecodes()
    {
        var registry = Flaky.Wrap(AvroTestWorld.RegistryWithSchemas(), failures: 3);
        var waits = new List<TimeSpan>();

        var input = new RawInputDecoder(registry, sleep: waits.Add).Decode(Avro(), "activity.raw");

        Assert.Null(input.Rejection);
        Assert.Equal(Json, input.Json);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public void UnknownSchemaId_IsARejection_NotARetry()
    {
        var waits = new List<TimeSpan>();

        var input = new RawInputDecoder(new InMemorySchemaRegistry(), sleep: waits.Add).Decode(Avro(), "activity.raw");

        Assert.Equal(RejectionCodes.Schema, input.Rejection!.Code);
        Assert.Empty(waits);
    }

    /// <summary>A registry whose schema look-ups fail with a connection error the first few times.</summary>
    public class Flaky : DispatchProxy
    {
        private ISchemaRegistryClient _inner = null!;
        private int _failures;

        public static ISchemaRegistryClient Wrap(ISchemaRegistryClient inner, int failures)
        {
            var proxy = Create<ISchemaRegistryClient, Flaky>();
            var flaky = (Flaky)(object)proxy;
            (flaky._inner, flaky._failures) = (inner, failures);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name.StartsWith("GetSchema", StringComparison.Ordinal) && _failures-- > 0)
            {
                throw new HttpRequestException("Connection refused (registry:8081)");
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
