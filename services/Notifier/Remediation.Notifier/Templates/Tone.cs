namespace Remediation.Notifier.Templates;

/// <summary>How a message should look: the colour of a card, the emoji of a chat message.</summary>
public enum Tone
{
    Info = 0,
    Good = 1,
    Warning = 2,
    Bad = 3,
}
