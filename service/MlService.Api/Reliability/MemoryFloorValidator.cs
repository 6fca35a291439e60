using MlService.Api.Containers;

namespace MlService.Api.Reliability;

/// <summary>
/// Refuses to start under a cgroup memory limit below <see cref="MemoryAdmissionOptions.MinimumLimitBytes"/>: such a
/// server would load its model and then be OOM-killed under load, with no message at all. Runs with the other
/// options at start, so the refusal is the one line the host prints for an invalid setting (exit code 2).
/// </summary>
public sealed class MemoryFloorValidator(CgroupMemoryReader reader) : IValidateOptions<MemoryAdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, MemoryAdmissionOptions options)
    {
        if (options.MinimumLimitBytes <= 0 || reader.Read().LimitBytes is not { } limit || limit >= options.MinimumLimitBytes)
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"{MemoryAdmissionOptions.SectionName}:{nameof(MemoryAdmissionOptions.MinimumLimitBytes)}: the container's memory limit is " +
            $"{Mib(limit)} MiB, below the {Mib(options.MinimumLimitBytes)} MiB this server needs to start and serve without being OOM-killed; " +
            "raise the memory limit (or lower this key for a smaller model)");
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
