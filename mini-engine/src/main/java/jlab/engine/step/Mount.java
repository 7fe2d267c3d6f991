package jlab.engine.step;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jlab.kernel.syscall.MountFlag;

/**
 * One mount(2) call, as data: the helper runs it, and the explanation prints
 * it the way C and mount(8) write it.
 */
public record Mount(String source, String target, String fstype, Set<MountFlag> flags, String data) {

    public static Mount of(String source, String target, String fstype, String data, MountFlag... flags) {
        Set<MountFlag> set = EnumSet.noneOf(MountFlag.class);
        set.addAll(List.of(flags));
        return new Mount(source, target, fstype, set, data);
    }

    /** The helper request: {@code mount SRC TARGET FSTYPE FLAGS DATA}. */
    public List<String> request() {
        return List.of("mount", orEmpty(source), target, orEmpty(fstype), MountFlag.words(flags), orEmpty(data));
    }

    public void apply(ContainerBuild b) {
        b.helper().pipeline(List.of(request()));
    }

    public String syscall() {
        return "mount(" + quote(source) + ", \"" + target + "\", " + quote(fstype) + ", " + MountFlag.constants(flags)
                + ", " + quote(data) + ")";
    }

    /** As mount(8) would be typed. */
    public String shell() {
        StringBuilder o = new StringBuilder();
        for (MountFlag f : flags) {
            if (f == MountFlag.BIND || f == MountFlag.REC) continue;
            o.append(o.length() == 0 ? "" : ",").append(f.word());
        }
        if (data != null && !data.isEmpty()) o.append(o.length() == 0 ? "" : ",").append(data);
        StringBuilder cmd = new StringBuilder("mount");
        if (flags.contains(MountFlag.BIND)) cmd.append(flags.contains(MountFlag.REC) ? " --rbind" : " --bind");
        if (fstype != null && !fstype.isEmpty()) cmd.append(" -t ").append(fstype);
        if (o.length() > 0) cmd.append(" -o ").append(o);
        cmd.append(' ').append(source == null || source.isEmpty() ? "none" : source).append(' ').append(target);
        return cmd.toString();
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static String quote(String s) { return s == null || s.isEmpty() ? "NULL" : "\"" + s + "\""; }
}
