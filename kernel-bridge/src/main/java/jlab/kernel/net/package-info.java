/**
 * rtnetlink from Java: the messages {@code ip link}, {@code ip addr} and
 * {@code ip route} send to the kernel, built byte by byte over an AF_NETLINK
 * socket — no {@code ip} command, no native library.
 *
 * <p>{@link jlab.kernel.net.NetlinkMessage} shows a request's layout,
 * {@link jlab.kernel.net.NetlinkSocket} sends it and reads the kernel's answer,
 * {@link jlab.kernel.net.RtNetlink} names the operations a container engine needs,
 * each with its {@code ip} equivalent ({@link jlab.kernel.net.NetOp}).
 */
package jlab.kernel.net;
