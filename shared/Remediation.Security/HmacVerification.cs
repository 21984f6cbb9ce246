namespace Remediation.Security;

public enum HmacVerification
{
    Valid = 0,
    Missing = 1,
    Mismatch = 2,
    BadTimestamp = 3,
    Expired = 4,
}
