namespace Remediation.Shared.Tests.Containers;

/// <summary>One stage of a Dockerfile: its name (AS), what it is built FROM, and its instructions after the FROM.</summary>
public sealed record DockerfileStage(string Name, string BaseImage, IReadOnlyList<(string Keyword, string Arguments)> Instructions);
