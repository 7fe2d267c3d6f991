package jlab.engine.network;

/**
 * An IPv4 subnet, {@code 10.88.0.0/16}: the first {@code prefix} bits name the
 * network, the rest number its hosts. The all-zeros host is the network itself
 * and the all-ones host its broadcast address: neither is given to anyone.
 */
public record Subnet(Ipv4 network, int prefix) {

    public Subnet {
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix out of 0..32: " + prefix);
        if ((network.bits() & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set: " + network + "/" + prefix);
        }
    }

    /**
     * "10.88.0.0/16". Docker's error for anything else: {@code invalid CIDR address: X}.
     * A subnet with host bits set ("10.88.0.1/16") is refused too, as Docker does.
     */
    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            if (slash < 0) throw new IllegalArgumentException();
            String p = cidr.substring(slash + 1);
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(Character::isDigit)) throw new IllegalArgumentException();
            return new Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(p));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr
                    + " (write it as ADDRESS/PREFIX with the host bits zero, e.g. 10.89.1.0/24)");
        }
    }

    static int mask(int prefix) { return prefix == 0 ? 0 : -1 << (32 - prefix); }

    public long size() { return 1L << (32 - prefix); }

    public boolean contains(Ipv4 a) { return (a.bits() & mask(prefix)) == network.bits(); }

    public boolean overlaps(Subnet o) {
        int m = mask(Math.min(prefix, o.prefix));
        return (network.bits() & m) == (o.network.bits() & m);
    }

    /** The n-th address of the subnet (0 is the network itself). */
    public Ipv4 host(long n) { return network.plus(n); }

    public Ipv4 broadcast() { return network.plus(size() - 1); }

    /** The address with this subnet's prefix, as ip(8) writes it: "10.88.0.5/16". */
    public String cidrOf(Ipv4 a) { return a + "/" + prefix; }

    @Override
    public String toString() { return network + "/" + prefix; }
}
