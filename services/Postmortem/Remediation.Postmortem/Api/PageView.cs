namespace Remediation.Postmortem.Api;

/// <summary>A page of results: the items, where the page is, and how many there are in all.</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
