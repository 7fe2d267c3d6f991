package jlab.kernel.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jlab.kernel.Errnos;
import jlab.kernel.KernelException;
import jlab.kernel.syscall.Syscalls;

/**
 * A NETLINK_ROUTE socket: {@code socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, 0)}.
 * Its other end is the kernel, so no address is needed: {@code send()} on an
 * unconnected netlink socket goes to port 0, the kernel, and the kernel binds
 * our end to a port id of its choosing on first use.
 *
 * <p>The socket belongs to the network namespace of the thread that created it,
 * for its whole life: every request it carries acts on that namespace, whichever
 * thread sends it later.
 *
 * <p>Each request carries NLM_F_ACK and a fresh sequence number; the kernel answers
 * with an NLMSG_ERROR message carrying that number and an error code: 0 means done,
 * a negative number is {@code -errno}. A dump (NLM_F_DUMP) is answered instead by
 * several datagrams of NLM_F_MULTI messages, ended by NLMSG_DONE.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final int RECEIVE_BUFFER = 64 * 1024; // a dump datagram is at most 32 KiB
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_CAP_ACK = 10; // an error echoes only our header, not the whole request
    private static final int NETLINK_EXT_ACK = 11; // an error may carry the kernel's own explanation
    private static final int NLM_F_CAPPED = 0x100;   // in an NLMSG_ERROR: the echoed request is only its header
    private static final int NLM_F_ACK_TLVS = 0x200; // in an NLMSG_ERROR: attributes follow the echoed request
    private static final int NLMSGERR_ATTR_MSG = 1;  // the kernel's message, e.g. "Attribute failed policy validation"

    /** One message the kernel sent: its header fields and its body (the bytes after the 16-byte header). */
    public record Received(int type, int flags, int sequence, ByteBuffer body) {}

    private final Syscalls sys = Syscalls.get();
    private final int fd;
    private int sequence = (int) (System.nanoTime() & 0x7fffffff);

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** A rtnetlink socket in the calling thread's network namespace. */
    public static NetlinkSocket open() {
        Syscalls sys = Syscalls.get();
        int fd = sys.netlinkSocket(NETLINK_ROUTE);
        try {
            // Ask for "extended acks": with them a refusal can say why in words (iproute2 prints these
            // as "Error: ..."), not only as an errno.
            sys.setsockoptInt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1, "SOL_NETLINK, NETLINK_CAP_ACK");
            sys.setsockoptInt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1, "SOL_NETLINK, NETLINK_EXT_ACK");
        } catch (RuntimeException e) {
            sys.close(fd);
            throw e;
        }
        return new NetlinkSocket(fd);
    }

    /**
     * Sends {@code message} with NLM_F_ACK and waits for the kernel's answer.
     * Throws a {@link KernelException} named {@code operation} (with {@code arguments})
     * if the answer is an error.
     */
    public void request(NetlinkMessage message, String operation, String arguments) {
        int seq = send(message, Rtnl.NLM_F_ACK);
        while (true) {
            for (Received r : receive()) {
                if (r.sequence() != seq) continue; // an answer to an earlier request nobody waited for
                if (r.type() == Rtnl.NLMSG_ERROR) {
                    checkError(r, operation, arguments);
                    return;
                }
            }
        }
    }

    /** Sends a dump request (NLM_F_DUMP) and returns every message of the answer, up to NLMSG_DONE. */
    public List<Received> dump(NetlinkMessage message, String operation) {
        int seq = send(message, Rtnl.NLM_F_DUMP);
        List<Received> parts = new ArrayList<>();
        while (true) {
            for (Received r : receive()) {
                if (r.sequence() != seq) continue;
                if (r.type() == Rtnl.NLMSG_DONE) return parts;
                if (r.type() == Rtnl.NLMSG_ERROR) {
                    checkError(r, operation, "");
                    return parts;
                }
                parts.add(r);
            }
        }
    }

    private int send(NetlinkMessage message, int extraFlags) {
        int seq = ++sequence;
        byte[] bytes = message.bytes(seq, extraFlags);
        if (!sys.send(fd, bytes)) throw KernelException.of("send", "netlink socket " + fd, "the socket is closed");
        return seq;
    }

    /** One datagram from the kernel, cut into its messages (each NLMSG_ALIGNed to 4 bytes). */
    private List<Received> receive() {
        byte[] datagram = sys.receive(fd, RECEIVE_BUFFER);
        if (datagram == null) throw KernelException.of("recv", "netlink socket " + fd, "the socket is closed");
        return parse(datagram);
    }

    /** Cuts a datagram into messages. Package-private for the byte-layout tests. */
    static List<Received> parse(byte[] datagram) {
        ByteBuffer buf = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        List<Received> messages = new ArrayList<>();
        int at = 0;
        while (at + NetlinkMessage.HEADER_LENGTH <= datagram.length) {
            int length = buf.getInt(at);
            if (length < NetlinkMessage.HEADER_LENGTH || at + length > datagram.length) break;
            ByteBuffer body = buf.slice(at + NetlinkMessage.HEADER_LENGTH, length - NetlinkMessage.HEADER_LENGTH)
                    .order(ByteOrder.nativeOrder());
            messages.add(new Received(buf.getShort(at + 4) & 0xffff, buf.getShort(at + 6) & 0xffff,
                    buf.getInt(at + 8), body));
            at += align(length);
        }
        return messages;
    }

    /**
     * struct nlmsgerr: {@code int error} (0 or -errno), then the request it answers (only its
     * 16-byte header when NLM_F_CAPPED), then, with NLM_F_ACK_TLVS, attributes such as the
     * kernel's message. Package-private for the byte-layout tests.
     */
    static void checkError(Received r, String operation, String arguments) {
        int error = r.body().getInt(0);
        if (error == 0) return;
        int errno = -error;
        String name = Errnos.name(errno);
        String hint = NetlinkHints.forFailure(operation, name);
        String said = kernelMessage(r);
        if (!said.isEmpty()) hint = hint == null ? "the kernel says: " + said : hint + " (the kernel says: " + said + ")";
        throw new KernelException(operation, arguments, name, errno, hint);
    }

    private static String kernelMessage(Received r) {
        if ((r.flags() & NLM_F_ACK_TLVS) == 0) return "";
        ByteBuffer body = r.body();
        int echoed = (r.flags() & NLM_F_CAPPED) != 0 ? NetlinkMessage.HEADER_LENGTH : body.getInt(4);
        for (int at = 4 + align(echoed); at + 4 <= body.limit(); ) {
            int length = body.getShort(at) & 0xffff;
            if (length < 4) break;
            if ((body.getShort(at + 2) & 0x3fff) == NLMSGERR_ATTR_MSG) {
                int n = 0;
                while (n < length - 4 && body.get(at + 4 + n) != 0) n++;
                byte[] text = new byte[n];
                body.get(at + 4, text);
                return new String(text, StandardCharsets.UTF_8);
            }
            at += align(length);
        }
        return "";
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    @Override
    public void close() {
        sys.close(fd);
    }
}
