package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code net.ipv4.ip_forward}: whether the host routes packets between its
 * interfaces. Off, the host drops what a container sends to the outside (it
 * arrives on jlab0 and would have to leave by eth0). It is one switch for the
 * whole host, so jlab notes what it found before turning it on — in
 * {@code /run/jlab/ip_forward.before}, once, by the first jlab that changed
 * it — and {@code jlab gc} puts that value back once no jlab network is left.
 */
final class IpForward {
    static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/ip_forward");

    private IpForward() {}

    static Path record() { return HostWide.root().resolve("ip_forward.before"); }

    /** Turns forwarding on; if it was off, records that (unless a jlab recorded it already). */
    static void turnOn() {
        String before = OutboundNatStep.sysctl(SYSCTL.toString());
        if (before.equals("1")) return;
        try {
            Files.createDirectories(record().getParent());
            if (!Files.exists(record())) Files.writeString(record(), before + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + record() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts back the value jlab found, if jlab changed it; returns a line for
     * gc's report, or null when there was nothing to put back.
     */
    static String restore() {
        try {
            String before = Files.readString(record()).strip();
            Files.writeString(SYSCTL, before);
            Files.delete(record());
            return "sysctl net.ipv4.ip_forward=" + before + " (as it was before jlab turned it on)";
        } catch (NoSuchFileException notChanged) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + SYSCTL + ": " + e.getMessage(), e);
        }
    }
}
