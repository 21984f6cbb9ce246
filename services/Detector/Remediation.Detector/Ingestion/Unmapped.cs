namespace Remediation.Detector.Ingestion;

/// <summary>An alert that maps to no known service (or lacks what it needs), with why; counted and reported, never silent.</summary>
public sealed record Unmapped(string Source, string? AlertName, string Reason);
