using System.Net;

namespace MlService.Api.Grpc;

/// <summary>Port and host must be something Kestrel binds; otherwise the start fails later with a bind error instead of one line naming the key.</summary>
public sealed class GrpcOptionsValidator : IValidateOptions<GrpcOptions>
{
    public ValidateOptionsResult Validate(string? name, GrpcOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
            failures.Add($"{GrpcOptions.SectionName}:Port: {options.Port} is not a port from 1 to 65535");
        if (!(options.Host is "localhost" or "*" or "+" || IPAddress.TryParse(options.Host.Trim('[', ']'), out _)))
            failures.Add($"{GrpcOptions.SectionName}:Host: '{options.Host}' is not an IP address, localhost or * (every interface)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
