package jlab.shell.command;

/**
 * Durations as Docker prints them in {@code ps} (go-units' HumanDuration):
 * "Less than a second", "3 seconds", "About a minute", "5 minutes",
 * "About an hour", "3 hours", "2 days", "3 weeks", "4 months", "2 years".
 */
final class DockerTime {
    private DockerTime() {}

    static String human(long millis) {
        long seconds = millis / 1000;
        long minutes = millis / 60_000;
        long hours = Math.round(millis / 3_600_000.0);
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds + " seconds";
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes + " minutes";
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours + " hours";
        if (hours < 24 * 7 * 2) return hours / 24 + " days";
        if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
        if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
        return hours / 24 / 365 + " years";
    }
}
