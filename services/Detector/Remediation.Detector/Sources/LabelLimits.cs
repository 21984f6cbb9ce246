using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;

namespace Remediation.Detector.Sources;

/// <summary>Refuses label sets that are larger than the configured limits (a sender gone wrong, or an attack on memory).</summary>
internal static class LabelLimits
{
    public static Rejection? Check(IReadOnlyDictionary<string, string>? labels, string where, DetectorOptions options)
    {
        if (labels is null)
            return null;
        if (labels.Count > options.MaxLabels)
            return Rejection.BadRequest(ProblemCodes.LabelTooLarge, $"{where} has {labels.Count} entries; at most {options.MaxLabels} are accepted.");

        foreach (var (name, value) in labels)
        {
            if (name.Length > options.MaxLabelNameLength)
                return Rejection.BadRequest(ProblemCodes.LabelTooLarge,
                    $"{where} has a name of {name.Length} characters ('{name[..32]}...'); at most {options.MaxLabelNameLength} are accepted.");
            if (value is null)
                return Rejection.BadRequest(ProblemCodes.InvalidField, $"{where}.{name} is null; label values are strings.");
            if (value.Length > options.MaxLabelValueLength)
                return Rejection.BadRequest(ProblemCodes.LabelTooLarge,
                    $"{where}.{name} is {value.Length} characters long; at most {options.MaxLabelValueLength} are accepted.");
        }

        return null;
    }
}
