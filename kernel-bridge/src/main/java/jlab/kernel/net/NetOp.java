package jlab.kernel.net;

/**
 * What an {@link RtNetlink} operation does, in words and as the iproute2 command
 * that does the same — so the REPL and the course can show both.
 *
 * @param description one sentence, e.g. "create a veth pair jl0 <-> jl1"
 * @param ipCommand   the equivalent shell command, e.g. {@code ip link add jl0 type veth peer name jl1}
 */
public record NetOp(String description, String ipCommand) {

    public static NetOp createVeth(String name, String peer) {
        return new NetOp("create a veth pair " + name + " <-> " + peer,
                "ip link add " + name + " type veth peer name " + peer);
    }

    public static NetOp createVethWithPeerIn(String name, String peer, String netns) {
        return new NetOp("create a veth pair " + name + " <-> " + peer + ", the peer in the network namespace of " + netns,
                "ip link add " + name + " type veth peer name " + peer + " netns " + netns);
    }

    public static NetOp createBridge(String name) {
        return new NetOp("create a bridge " + name, "ip link add " + name + " type bridge");
    }

    public static NetOp setMaster(String link, String bridge) {
        return new NetOp("plug " + link + " into the bridge " + bridge, "ip link set " + link + " master " + bridge);
    }

    public static NetOp setUp(String link) {
        return new NetOp("bring " + link + " up", "ip link set " + link + " up");
    }

    public static NetOp setDown(String link) {
        return new NetOp("bring " + link + " down", "ip link set " + link + " down");
    }

    public static NetOp moveToNamespace(String link, String netns) {
        return new NetOp("move " + link + " into the network namespace of " + netns, "ip link set " + link + " netns " + netns);
    }

    public static NetOp addAddress(String link, String cidr) {
        return new NetOp("give " + link + " the address " + cidr, "ip addr add " + cidr + " dev " + link);
    }

    public static NetOp addDefaultRoute(String gateway) {
        return new NetOp("send traffic for anywhere else via " + gateway, "ip route add default via " + gateway);
    }

    public static NetOp deleteLink(String name) {
        return new NetOp("delete the link " + name + " (and its veth peer, if any)", "ip link delete " + name);
    }
}
