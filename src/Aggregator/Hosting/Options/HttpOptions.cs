using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Options;

/// <summary>The operations endpoint (health, metrics, counts). Bound from <c>Http</c>; off unless a port is set.</summary>
internal sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>Port for /health, /metrics and /counts; 0 = off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Address to listen on.</summary>
    [Required]
    public string Host { get; set; } = "0.0.0.0";
}

[OptionsValidator]
internal sealed partial class HttpOptionsValidator : IValidateOptions<HttpOptions>;
