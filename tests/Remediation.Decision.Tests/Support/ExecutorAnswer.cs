namespace Remediation.Decision.Tests.Support;

public enum ExecutorAnswer
{
    Succeed = 0,
    Fail = 1,
    Silent = 2,
}
