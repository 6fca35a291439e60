namespace MlService.Api.Options;

/// <summary>A configuration value that cannot be used; the message names the key and what is accepted, in one line.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);
