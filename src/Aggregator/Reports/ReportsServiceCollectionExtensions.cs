using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Reports;

internal static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ReportOptions"/> (<c>Reports</c>) and <see cref="SummaryOptions"/>
    /// (<c>Reports:Summary</c>), validated at start-up. The report types themselves are pure and need no registration.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ReportOptions>().Bind(configuration.GetSection(ReportOptions.SectionName));
        services.AddOptionsWithValidateOnStart<SummaryOptions>().Bind(configuration.GetSection(SummaryOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SummaryOptions>, SummaryOptionsValidator>());
        return services;
    }
}
