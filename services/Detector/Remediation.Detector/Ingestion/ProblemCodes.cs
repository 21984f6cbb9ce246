namespace Remediation.Detector.Ingestion;

/// <summary>The stable <c>code</c> of every problem the detector answers with (docs/detector.md lists them).</summary>
public static class ProblemCodes
{
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string BodyTooLarge = "body-too-large";
    public const string EmptyBody = "empty-body";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string MalformedJson = "malformed-json";
    public const string UnsupportedVersion = "unsupported-version";
    public const string NoAlerts = "no-alerts";
    public const string TooManyAlerts = "too-many-alerts";
    public const string MissingField = "missing-field";
    public const string InvalidField = "invalid-field";
    public const string LabelTooLarge = "label-too-large";
    public const string UnknownService = "unknown-service";
    public const string SignatureMissing = "signature-missing";
    public const string SignatureInvalid = "signature-invalid";
    public const string SignatureExpired = "signature-expired";
    public const string TimestampInvalid = "timestamp-invalid";
    public const string Overloaded = "overloaded";
    public const string BrokerUnavailable = "broker-unavailable";
    public const string StorageUnavailable = "storage-unavailable";
}
