package jlab.kernel.net;

import java.util.Map;

import jlab.kernel.Hints;

/**
 * One sentence a student can act on when the kernel refuses a network request.
 * Keyed by "operation errno" (the operation is the rtnetlink message type,
 * e.g. {@code "RTM_NEWLINK"}); falls back to {@link Hints}.
 */
final class NetlinkHints {
    private NetlinkHints() {}

    private static final String NO_SUCH_LINK = "no link has that name in this network namespace (ip -o link lists them)";
    private static final String NAME_TOO_LONG = "a link name has at most 15 characters (IFNAMSIZ is 16, with the terminating NUL)";
    private static final String NO_SUCH_PROCESS = "no process has that pid: the namespace's process has already ended";

    private static final Map<String, String> BY_OPERATION = Map.ofEntries(
            Map.entry("RTM_NEWLINK EEXIST", "a link with that name already exists (ip -o link shows it): pick another name or delete it"),
            Map.entry("RTM_NEWLINK EOPNOTSUPP", "the kernel does not know this link type: is its module (veth, bridge) loaded?"),
            Map.entry("RTM_NEWLINK ERANGE", NAME_TOO_LONG),
            Map.entry("RTM_NEWLINK EINVAL", "the request does not fit this link type: a veth peer needs a name of its own"),
            Map.entry("RTM_NEWLINK EBADF", "the namespace fd is not open: hand the kernel an open /proc/PID/ns/net or /run/netns/NAME"),
            Map.entry("RTM_NEWLINK ESRCH", NO_SUCH_PROCESS),
            Map.entry("RTM_DELLINK ENODEV", NO_SUCH_LINK),
            Map.entry("RTM_DELLINK EINVAL", NO_SUCH_LINK),
            Map.entry("RTM_SETLINK ENODEV", NO_SUCH_LINK),
            Map.entry("RTM_SETLINK ESRCH", NO_SUCH_PROCESS),
            Map.entry("RTM_SETLINK ERANGE", NAME_TOO_LONG),
            Map.entry("RTM_SETLINK EINVAL", "a master must be a bridge (or a bond), and a link cannot be its own master"),
            Map.entry("RTM_DELLINK ERANGE", NAME_TOO_LONG),
            Map.entry("RTM_NEWADDR EEXIST", "the link already has this address"),
            Map.entry("RTM_NEWADDR ENODEV", NO_SUCH_LINK),
            Map.entry("RTM_NEWROUTE ENETUNREACH",
                    "the gateway is not on any connected network: give a link an address in the gateway's subnet, and set it up, first"),
            Map.entry("RTM_NEWROUTE EEXIST", "there is already a default route: delete it or replace it"));

    private static final Map<String, String> BY_ERRNO = Map.of(
            "EPERM", "changing links, addresses and routes needs CAP_NET_ADMIN: run jlab as root (sudo)",
            "ENODEV", "no such link in this network namespace (ip -o link lists them)");

    static String forFailure(String operation, String errnoName) {
        String hint = BY_OPERATION.get(operation + " " + errnoName);
        if (hint == null) hint = BY_ERRNO.get(errnoName);
        return hint != null ? hint : Hints.forFailure(operation, errnoName);
    }
}
