package jlab.engine.network;

/**
 * An IPv4 address as the kernel holds it: 32 bits. Written as a dotted quad;
 * arithmetic on the number gives a subnet's n-th host.
 */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    /** "10.88.0.1"; throws {@link IllegalArgumentException} for anything else (no names: jlab resolves nothing). */
    public static Ipv4 parse(String dotted) {
        String[] parts = dotted.trim().split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        int bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            int v = Integer.parseInt(p);
            if (v > 255) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            bits = (bits << 8) | v;
        }
        return new Ipv4(bits);
    }

    public static boolean isValid(String dotted) {
        try {
            parse(dotted);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Ipv4 plus(long n) { return new Ipv4((int) (Integer.toUnsignedLong(bits) + n)); }

    public long unsigned() { return Integer.toUnsignedLong(bits); }

    public boolean isLoopback() { return (bits >>> 24) == 127; }

    @Override
    public int compareTo(Ipv4 o) { return Integer.compareUnsigned(bits, o.bits); }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 255) + "." + ((bits >>> 8) & 255) + "." + (bits & 255);
    }
}
