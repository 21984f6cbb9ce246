using System.ComponentModel.DataAnnotations;

namespace Remediation.SampleService;

/// <summary>Settings of the sample process, bound from <c>Sample</c> (environment: <c>Sample__Version=v2</c>, ...).</summary>
public sealed class SampleOptions : IValidatableObject
{
    public const string Section = "Sample";

    /// <summary><c>service</c> (a version of the shop) or <c>load</c> (the load generator).</summary>
    public string Role { get; set; } = "service";

    /// <summary>The name it reports in its answers and its <c>sample_info</c> metric.</summary>
    public string Service { get; set; } = "shop";

    public string Version { get; set; } = "v0";

    /// <summary>Share of requests answered 500, from 0 to 1 (deterministic: 0.5 fails every second request).</summary>
    public double ErrorRatio { get; set; }

    /// <summary>Time every request takes before it is answered.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Bearer token of <c>/admin/behaviour</c>, which changes the error ratio and latency at run time; unset turns it off.</summary>
    public string? AdminToken { get; set; }

    public LoadOptions Load { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Role is not ("service" or "load"))
            yield return new ValidationResult($"{Section}:Role must be 'service' or 'load', not '{Role}'.");
        if (Behaviour.Check(ErrorRatio, LatencyMs) is { } problem)
            yield return new ValidationResult($"{Section}: {problem}");
        if (AdminToken is { Length: > 0 and < 16 })
            yield return new ValidationResult($"{Section}:AdminToken must be at least 16 characters.");
        if (Role == "load")
        {
            if (Load.Targets.Count == 0)
                yield return new ValidationResult($"{Section}:Load:Targets needs at least one URL.");
            foreach (var target in Load.Targets.Where(t => !Uri.TryCreate(t, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                yield return new ValidationResult($"{Section}:Load:Targets: '{target}' is not an absolute http(s) URL.");
            if (Load.RatePerSecond is <= 0 or > 10_000)
                yield return new ValidationResult($"{Section}:Load:RatePerSecond must be between 0 and 10000.");
            if (Load.TimeoutMs is < 100 or > 600_000 || Load.MaxInFlight is < 1 or > 100_000)
                yield return new ValidationResult($"{Section}:Load: TimeoutMs must be 100..600000 and MaxInFlight 1..100000.");
        }
    }
}
